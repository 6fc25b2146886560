"""Names that come from data (a snapshot's name, an uploaded file's name) are shown as typed: never
read as markdown, so they cannot load an outside image or show a link."""

from datetime import date

from board_snapshots.saved import create_snapshot
from components.plain_text import escape_markdown
from components.upload.steps import size_problems
from models.schema import open_store
from models.settings import set_setting
from tests.apptest_helpers import open_deep_link
from tests.snapshot_helpers import Q1_2024

IMAGE_NAME = "![x](http://example.invalid/a.png)"
LINK_FILE = "[click](http://x.invalid).csv"


def test_a_snapshot_named_with_an_image_shows_its_name_not_the_image(small_org_url, monkeypatch):
    create_snapshot(open_store(small_org_url), IMAGE_NAME, Q1_2024, date(2024, 4, 15), "u-admin", k=3)
    at = open_deep_link(small_org_url, monkeypatch, "pages/snapshots.py", "trustee")
    assert not at.exception, at.exception
    [header] = at.header
    assert header.value == escape_markdown(IMAGE_NAME)
    assert "![" not in header.value and "](" not in header.value
    assert header.value.startswith("\\!\\[x\\]")


def test_an_uploaded_file_named_with_a_link_is_named_as_typed_in_the_error(small_org_url, monkeypatch):
    set_setting(open_store(small_org_url), "upload_limit_mb", 0.001)  # about 1 kB
    at = open_deep_link(small_org_url, monkeypatch, "pages/upload.py", "staff")
    assert not at.exception, at.exception
    at.get("file_uploader")[0].set_value((LINK_FILE, b"programme_code,name\n" + b"P1,Podcast\n" * 200, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    [error] = at.error
    assert error.value.startswith(escape_markdown(LINK_FILE) + " is ")
    assert "[click](" not in error.value
    assert "Nothing was changed." in [i.value for i in at.info]


def test_the_size_message_escapes_the_name():
    [message] = size_problems([(LINK_FILE, 2 * 1024 * 1024)], 1)
    assert message.startswith("\\[click\\]\\(http\\:") and "](" not in message
