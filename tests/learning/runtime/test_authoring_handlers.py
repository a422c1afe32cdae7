"""Studio's handler (``submit_studio_edits``) edits the course: the portal's handler route never serves it.

Here the course changes through OLX import only (its settings are read-only in the learning runtime), so a
learner, or the course team through the learner's route, gets the 404 of a handler the block does not have.
"""

import pytest

from tests.learning.runtime.conftest import url


@pytest.mark.parametrize("name", ["learner", "instructor"])
@pytest.mark.parametrize(
    ("block", "block_type"), [("intro", "llp_video"), ("check", "llp_quiz"), ("wrap", "llp_reading")]
)
def test_the_studio_save_handler_is_not_a_learning_handler(client_for, world, learner, blocks, name, block, block_type):
    body = {"values": {"display_name": "Hacked", "pass_score": 0}, "defaults": []}
    response = client_for(name).post(url(world.course_key, blocks[block], "submit_studio_edits"), body, format="json")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": f"Blocks of type '{block_type}' have no handler 'submit_studio_edits'"},
    )
