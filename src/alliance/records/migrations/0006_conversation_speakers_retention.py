from django.db import migrations, models


def carry_over_the_text_choice(apps, schema_editor):
    AgencySettings = apps.get_model("records", "AgencySettings")
    AgencySettings.objects.filter(keep_transcript_text=False).update(transcript_retention_days=0)


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0005_practice_room_learner'),
    ]

    operations = [
        migrations.AddField(
            model_name='agencysettings',
            name='transcript_retention_days',
            field=models.PositiveSmallIntegerField(default=90, help_text='Days the transcript text is kept with its analysis, so the turns and feedback can be read; then it is removed (codes, metrics and feedback stay). 0: removed once the practitioner has confirmed who is who.'),
        ),
        # An agency that chose not to keep transcript text keeps none (0 days); one that kept it gets the default.
        migrations.RunPython(carry_over_the_text_choice, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='agencysettings',
            name='keep_transcript_text',
        ),
        migrations.AddField(
            model_name='conversationanalysis',
            name='excluded',
            field=models.BooleanField(default=False, help_text="Left out of the practitioner's trends at their request."),
        ),
        migrations.AddField(
            model_name='conversationanalysis',
            name='roles_confirmed',
            field=models.BooleanField(default=True, help_text='Whether the practitioner confirmed who is who; only confirmed analyses count in trends.'),
        ),
        migrations.AddField(
            model_name='conversationanalysis',
            name='speaker_choices',
            field=models.JSONField(blank=True, default=dict, help_text='Who is who as the practitioner chose it: {label: role or another label}.'),
        ),
        migrations.AddField(
            model_name='conversationanalysis',
            name='text_purged_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='contact',
            name='recording_consent',
            field=models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('not_asked', 'Not asked'), ('withdrawn', 'Withdrawn (its transcripts and analyses are deleted)')], default='not_asked', help_text="The client's consent to recording and transcript analysis for this contact.", max_length=10),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('view', 'Viewed'), ('create', 'Created'), ('update', 'Changed'), ('delete', 'Deleted'), ('export', 'Exported'), ('denied', 'Refused access'), ('purge', 'Transcript text removed (retention)')], max_length=10),
        ),
        migrations.AlterField(
            model_name='conversationanalysis',
            name='source_text',
            field=models.TextField(blank=True, help_text="Emptied once the agency's retention period has passed."),
        ),
    ]
