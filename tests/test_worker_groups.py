"""The tests that build or read the book share one worker, so the book is built once and
never twice at the same time in one folder (that once gave a PDF read mid-write)."""

import os

import pytest


def test_book_tests_carry_the_group_that_keeps_them_on_one_worker(request):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("not running under pytest-xdist (make test runs two workers)")
    if not request.config.getvalue("loadgroup"):
        pytest.skip("not running with --dist loadgroup")
    assert request.node.nodeid.endswith("@book"), request.node.nodeid
