"""CAPA problems are complete once submitted (issue 11, ADR 0036): mark the problems learners already submitted.

Before, a problem was complete only when answered fully right, so a learner who answered a one-attempt problem
wrong could never finish. Every problem state with at least one attempt becomes complete; its stored score
stays (for one attempt it is the latest as well). Stored course progress is recomputed at the learner's next
action, or at once with ``manage.py llp_refresh_progress``.
"""

from django.db import migrations

BATCH = 2000


def is_submitted(state) -> bool:
    attempts = state.get("attempts") if isinstance(state, dict) else None
    return isinstance(attempts, int) and not isinstance(attempts, bool) and attempts >= 1


def mark_submitted_problems_complete(apps, schema_editor):
    block_state = apps.get_model("llp_edx_plugin", "BlockState")
    pending = []
    rows = block_state.objects.filter(block_type="problem", complete=False).only("pk", "state")
    for row in rows.iterator(chunk_size=BATCH):
        if is_submitted(row.state):
            row.complete = True
            pending.append(row)
        if len(pending) >= BATCH:
            block_state.objects.bulk_update(pending, ["complete"])
            pending = []
    if pending:
        block_state.objects.bulk_update(pending, ["complete"])


class Migration(migrations.Migration):
    dependencies = [("llp_edx_plugin", "0010_learner_draws")]

    operations = [migrations.RunPython(mark_submitted_problems_complete, migrations.RunPython.noop, elidable=True)]
