"""A learner's call of a block handler (as the LMS calls XBlocks): which block, who may, then the runtime."""

from ..accounts import api as accounts_api
from ..courses import api as courses_api
from ..errors import Forbidden, NotFound
from . import draws, runtime


def handle_block_request(user, course_key: str, usage_key: str, handler: str, body: bytes) -> runtime.HandlerResult:
    """Run ``handler`` of the block ``usage_key`` for ``user`` (an authenticated Django user).

    ``NotFound``: an unknown block, a block without handlers or without that handler. ``Forbidden``: not
    enrolled and not on the course team; enrolled in a course that has not started; a block in a locked
    lesson. The course team may try every block, ungated, before the course starts. Keys are canonical strings.
    """
    # One query for the blocks and the learner's access (a report's hot path: auth, this, lock, update).
    structure, enrolled, blocked = courses_api.structure_and_access(course_key, user.pk)
    block = next((b for b in structure if b.usage_key == usage_key), None)
    if block is None or not block.supported or runtime.block_class(block.block_type) is None:
        raise NotFound(f"No block '{usage_key}' with handlers in this course")
    if not runtime.has_handler(block.block_type, handler):
        raise NotFound(f"Blocks of type '{block.block_type}' have no handler '{handler}'")

    # The actor (two more queries) only for those not enrolled: the hot path of learners stays light.
    if not enrolled and not accounts_api.permissions.is_course_team(accounts_api.get_actor(user), course_key):
        raise Forbidden("You are not enrolled in this course.")
    if enrolled and blocked:
        raise Forbidden(blocked)
    if enrolled:  # a learner reaches only what they drew from library_content and their split_test group
        structure = draws.learner_structure(user.pk, course_key, structure)
        if not any(b.usage_key == usage_key for b in structure):
            raise NotFound(f"No block '{usage_key}' with handlers in this course")
    return runtime.call_handler(
        user_id=user.pk,
        course_key=course_key,
        structure=structure,
        usage_key=usage_key,
        handler=handler,
        body=body,
        gated=enrolled,  # the course team previews every lesson
    )
