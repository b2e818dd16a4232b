"""Queued or finished jobs of the old kind 'analyse_transcript' take the one spelling, 'analyze_transcript'."""

from django.db import migrations


def rename(apps, schema_editor):
    apps.get_model("records", "Job").objects.filter(kind="analyse_transcript").update(kind="analyze_transcript")


def rename_back(apps, schema_editor):
    apps.get_model("records", "Job").objects.filter(kind="analyze_transcript").update(kind="analyse_transcript")


class Migration(migrations.Migration):

    dependencies = [
        ("records", "0006_conversation_speakers_retention"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
