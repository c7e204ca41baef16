"""API tokens expire. Tokens made before expiry existed keep working for 90 days from this
migration, so no integration breaks at once; their owners see the date on the tokens page."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

GRACE = dt.timedelta(days=90)


def existing_tokens_expire_later(apps, schema_editor):
    ApiToken = apps.get_model("org", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + GRACE)


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="到期时间"),
        ),
        migrations.RunPython(existing_tokens_expire_later, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="到期时间"),
        ),
    ]
