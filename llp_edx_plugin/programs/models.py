"""A program (pathway or learning program) and its ordered members (docs/decisions/0032-programs.md).

Each program owns a course row (kind ``pathway`` / ``learning_program``, key ``course-v1:LLP+<slug>+program``)
so its title, certificate, template, language and activation go through the courses domain and the one
certificates pipeline unchanged. A member is a training by its course key: an online course, a live event,
or another program's own key. Keys, not foreign keys, as every domain above courses stores them.
"""

from django.db import models
from opaque_keys.edx.django.models import CourseKeyField


class ProgramKind(models.TextChoices):
    PATHWAY = "pathway", "Pathway"
    LEARNING_PROGRAM = "learning_program", "Learning program"


class Program(models.Model):
    """A pathway or learning program: slug, kind, description and order rule (the title is its course's)."""

    course_key = CourseKeyField(max_length=255, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    kind = models.CharField(max_length=20, choices=ProgramKind.choices)
    description = models.TextField(blank=True, max_length=5000)
    in_order = models.BooleanField(default=False)  # members must be completed one after the other
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class ProgramMember(models.Model):
    """One member training of a program, at its position (0-based)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="members")
    training_key = CourseKeyField(max_length=255)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["program", "position"]
        constraints = [
            models.UniqueConstraint(fields=["program", "training_key"], name="llp_program_member_once"),
            models.UniqueConstraint(fields=["program", "position"], name="llp_program_member_position"),
        ]
        indexes = [models.Index(fields=["training_key"], name="llp_program_member_training")]

    def __str__(self) -> str:
        return f"{self.program_id}#{self.position} {self.training_key}"
