from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('content', '0002_ingest')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ApiToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('role', fields.CharField(max_length=32)),
                ('prefix', fields.CharField(max_length=12)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_used', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_token', 'app': 'content', 'pk_attr': 'id', 'table_description': 'An API token (only its SHA-256 is stored), sent as `Authorization: Bearer`.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('actor', fields.CharField(max_length=100)),
                ('role', fields.CharField(max_length=32)),
                ('action', fields.CharField(max_length=32)),
                ('item_type', fields.CharField(default='', max_length=40)),
                ('item_id', fields.UUIDField(null=True)),
                ('detail', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'audit_entry', 'app': 'content', 'pk_attr': 'id', 'table_description': 'Every write: actor, time, item, change (readable by admins).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Revision',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('item_type', fields.CharField(max_length=40)),
                ('item_id', fields.UUIDField()),
                ('version', fields.IntField()),
                ('actor', fields.CharField(max_length=100)),
                ('created', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('changes', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('snapshot', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('note', fields.CharField(default='', max_length=200)),
            ],
            options={'table': 'revision', 'app': 'content', 'indexes': [Index(fields=['item_type', 'item_id', 'version'])], 'pk_attr': 'id', 'table_description': 'One stored change of an item: who, when, which fields, old and new values, and the result.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Tombstone',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('item_type', fields.CharField(max_length=40)),
                ('item_id', fields.UUIDField(unique=True)),
                ('title', fields.CharField(default='', max_length=1000)),
                ('was_public', fields.BooleanField(default=False)),
                ('actor', fields.CharField(max_length=100)),
                ('deleted', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'tombstone', 'app': 'content', 'pk_attr': 'id', 'table_description': 'What remains of a deleted item, for change feeds.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkflowEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('item_type', fields.CharField(max_length=40)),
                ('item_id', fields.UUIDField(db_index=True)),
                ('action', fields.CharField(max_length=16)),
                ('from_state', fields.CharField(max_length=16)),
                ('to_state', fields.CharField(max_length=16)),
                ('actor', fields.CharField(max_length=100)),
                ('comment', fields.TextField(default='', unique=False)),
                ('created', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'workflow_event', 'app': 'content', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
