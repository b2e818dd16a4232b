"""Upgrading a database from before transcript retention keeps each agency's choice about transcript text."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("records", "0005_practice_room_learner")]
AFTER = [("records", "0006_conversation_speakers_retention")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("kept", "days"), [(False, 0), (True, 90)])
def test_an_agency_that_kept_no_text_keeps_none_and_one_that_kept_it_gets_ninety_days(kept, days):
    try:
        old = migrate(BEFORE)
        old.get_model("records", "AgencySettings").objects.update_or_create(pk=1, defaults={"keep_transcript_text": kept})
        new = migrate(AFTER)
        assert new.get_model("records", "AgencySettings").objects.get(pk=1).transcript_retention_days == days
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
