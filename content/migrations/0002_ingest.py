from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('content', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('item_type', fields.CharField(max_length=40)),
                ('item_id', fields.UUIDField()),
                ('name', fields.CharField(max_length=500)),
                ('media_type', fields.CharField(max_length=100)),
                ('size', fields.BigIntField()),
                ('checksum', fields.CharField(db_index=True, max_length=64)),
                ('text', fields.TextField(default='', unique=False)),
                ('created', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('created_by', fields.CharField(default='system', max_length=100)),
            ],
            options={'table': 'attachment', 'app': 'content', 'unique_together': (('item_type', 'item_id', 'checksum'),), 'indexes': [Index(fields=['item_type', 'item_id'])], 'pk_attr': 'id', 'table_description': 'A file attached to a content item, stored by checksum, with its extracted text.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChangeRecord',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('measure', fields.ForeignKeyField('content.ProgramMeasure', source_field='measure_id', null=True, db_constraint=True, to_field='id', related_name='change_records', on_delete=OnDelete.SET_NULL)),
                ('measure_number', fields.IntField(null=True, db_index=True)),
                ('changed_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('actor', fields.CharField(max_length=100)),
                ('source', fields.CharField(max_length=1000)),
                ('checksum', fields.CharField(default='', max_length=64)),
                ('action', fields.CharField(max_length=16)),
                ('summary', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'change_record', 'app': 'content', 'pk_attr': 'id', 'table_description': 'What one import created or changed in a programme measure, by whom, from which file.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SourceKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('source', fields.CharField(max_length=32)),
                ('key', fields.TextField(unique=False)),
                ('key_hash', fields.CharField(unique=True, max_length=64)),
                ('target_type', fields.CharField(max_length=40)),
                ('target_id', fields.UUIDField()),
                ('measure', fields.ForeignKeyField('content.ProgramMeasure', source_field='measure_id', null=True, db_constraint=True, to_field='id', related_name='source_keys', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'source_key', 'app': 'content', 'indexes': [Index(fields=['target_type', 'target_id'])], 'pk_attr': 'id', 'table_description': 'The natural key under which an importer made a record, so a re-import finds it again.'},
            bases=['Model'],
        ),
    ]
