"""Staff pages: the programs, a form to create one, and one program's edit form (members one per line)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..accounts import api as accounts_api
from ..courses import api as courses_api
from ..errors import FieldErrors, NotFound
from . import api

LANGUAGES = (("en", "English"), ("es", "Spanish"), ("fr", "French"))


def _staff(request: HttpRequest):
    actor = accounts_api.get_actor(request.user)
    if not actor.is_platform_staff:
        raise PermissionDenied(api.STAFF_ONLY)
    return actor


def _members(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _trainings() -> list:
    """What may be a member: every course, live event and program, by title."""
    return courses_api.list_courses()


@login_required
@require_http_methods(["GET", "POST"])
def programs_page(request: HttpRequest) -> HttpResponse:
    """``/programs``: every program, and a form that creates one."""
    actor = _staff(request)
    errors: dict = {}
    if request.method == "POST":
        form = request.POST
        try:
            program = api.create_program(
                actor,
                slug=form.get("slug", "").strip(),
                title=form.get("title", ""),
                kind=form.get("kind", ""),
                members=_members(form.get("members", "")),
                description=form.get("description", ""),
                in_order=form.get("in_order") == "on",
                certificate_template=form.get("certificate_template") or None,
                certificate_language=form.get("certificate_language") or None,
            )
        except FieldErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Program '{title}' created.").format(title=program.title))
            return redirect(reverse("llp_edx_plugin:program", args=[program.slug]))
    context = {
        "programs": api.list_programs(),
        "errors": errors,
        "form": request.POST,
        "trainings": _trainings(),
        "languages": LANGUAGES,
    }
    return render(request, "llp_edx_plugin/programs/programs.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def program_page(request: HttpRequest, slug: str) -> HttpResponse:
    """``/programs/{slug}``: edit the title, description, order rule, members, certificate template, language."""
    actor = _staff(request)
    try:
        program = api.get_program(slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    errors: dict = {}
    if request.method == "POST":
        form = request.POST
        changes = {
            "title": form.get("title", ""),
            "description": form.get("description", ""),
            "in_order": form.get("in_order") == "on",
            "members": _members(form.get("members", "")),
        }
        for name in ("certificate_template", "certificate_language"):
            if form.get(name):
                changes[name] = form[name]
        try:
            api.update_program(actor, slug, changes)
        except FieldErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Program saved."))
            return redirect(reverse("llp_edx_plugin:program", args=[slug]))
    context = {
        "program": program,
        "members_text": "\n".join(m.slug or m.key for m in program.members),
        "errors": errors,
        "templates": courses_api.certificate_template_names(program.course_key),
        "trainings": _trainings(),
        "languages": LANGUAGES,
    }
    return render(request, "llp_edx_plugin/programs/program.html", context, status=400 if errors else 200)
