"""The reading block on the XBlock test runtime."""

from tests.xblocks.conftest import call
from xblocks.llp_reading.block import HtmlBlock, LlpReadingBlock


def test_complete_publishes_completion_each_time_idempotently(make_block):
    block = make_block(LlpReadingBlock, data="<p>Read me</p>")
    assert call(block, "complete", {}) == (200, {"complete": True})
    assert call(block, "complete", {}) == (200, {"complete": True})
    assert block.runtime.events == [("completion", {"completion": 1.0})] * 2


def test_complete_refuses_a_body_that_is_not_an_object(make_block):
    block = make_block(HtmlBlock, data="<p>x</p>")
    assert call(block, "complete", [1]) == (400, {"error": "The body must be a JSON object."})
    assert block.runtime.events == []


def test_student_view_shows_the_content_and_the_state_from_the_completion_service(make_block):
    unread = make_block(LlpReadingBlock, display_name="Chapter 1", data="<p>Read <b>me</b></p>", completions={})
    read = make_block(LlpReadingBlock, data="<p>x</p>", completions={"usage-1": 1.0})
    unread_html, read_html = unread.student_view().body_html(), read.student_view().body_html()
    assert "<p>Read <b>me</b></p>" in unread_html
    assert "Mark as read</button>" in unread_html
    assert 'llp-reading-done" hidden' not in unread_html
    assert 'llp-reading-done" hidden' in read_html


def test_student_view_without_a_completion_service(make_block):
    assert "Mark as read" in make_block(HtmlBlock, data="<p>x</p>").student_view().body_html()
