"""Fixes to moto 5.2.1's hot paths for event-store workloads (requirements-dev.txt pins that version).

DynamoDB (the first two) changed what a chaos run can finish at all:

moto backs up every table a TransactWriteItems names with copy.deepcopy before applying it, and every Query
sorts the whole table before keeping one partition. The event store appends with a transaction and reads
streams with Query, so both costs grow with the store: measured, a 200-order chaos run was not finished after
6 minutes, with moto at 100% CPU and 7 GB resident, and handlers hit their timeouts. With these two changes
the same run takes 80 s. Results are the same: a failed transaction undoes exactly the items it touched (and
the stream records it emitted), in reverse order; a Query on the table's key gets that one partition.
Both rely on requests being applied one at a time (eventflow_moto.py).

The rest are per-request overheads found with py-spy on a 400-order chaos run (moto is the bottleneck there,
one core at 100%): each SQS ReceiveMessage rebuilt every attribute of the queue (counting its messages) once
per message to read the retention period (7% of moto's time); EventBridge compiled the JSONPath of its default
input template on every event (5%); every request listed moto's package directory to find its backend (6%),
and listed the handler class's methods (1%). Each is now computed once; the answers are the same.
"""
import copy
import functools
import inspect

import jsonpath_ng.ext as jsonpath_ext
from moto import backends
from moto.core import responses as core_responses
from moto.core.utils import unix_time
from moto.dynamodb import models as m
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.sqs.models import SQSBackend


def transact_write_items(self, transact_items):
    if len(transact_items) > 100:
        raise m.TooManyTransactionsException()
    journal = []  # (table, hash, range, previous item copy or None), in order of application
    stream_marks = {}  # table name -> stream length before the transaction

    def remember(table_name, key):
        table = self.get_table(table_name)
        if table_name not in stream_marks:
            stream_marks[table_name] = len(table.stream_shard.items) if table.stream_shard is not None else None
        h = DynamoType(key[table.hash_key_attr])
        r = DynamoType(key[table.range_key_attr]) if table.range_key_attr is not None else None
        current = table.get_item(h, r)
        journal.append((table, h, r, copy.deepcopy(current) if current is not None else None))

    def rollback():
        for table, h, r, previous in reversed(journal):
            if r is None:
                if previous is None:
                    table.items.pop(h, None)
                else:
                    table.items[h] = previous
            else:
                if previous is None:
                    if h in table.items:
                        table.items[h].pop(r, None)
                        if not table.items[h]:
                            del table.items[h]
                else:
                    table.items[h][r] = previous
        for name, mark in stream_marks.items():
            table = self.tables.get(name)
            if mark is not None and table is not None and table.stream_shard is not None:
                del table.stream_shard.items[mark:]

    target_items = set()

    def check_unicity(table_name, key):
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise m.MultipleTransactionsException()
        target_items.add(item)

    errors = []
    for item in transact_items:
        original_item = None
        if len(list(item.keys())) > 1:
            raise m.TransactWriteSingleOpException
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            check_unicity(table_name, key)
            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = m.get_filter_expression(condition_expression, names, values)
                if not condition_op.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise m.ConditionalCheckFailed(item=original_item)
            if op_type != "ConditionCheck":
                remember(table_name, key)
            if op_type == "Put":
                self.put_item(table_name, op["Item"], condition_expression=condition_expression,
                              expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Delete":
                self.delete_item(table_name, key, condition_expression=condition_expression,
                                 expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Update":
                self.update_item(table_name, key, update_expression=op["UpdateExpression"],
                                 condition_expression=condition_expression,
                                 expression_attribute_names=names, expression_attribute_values=values)
            errors.append((None, None, None))
        except (m.MultipleTransactionsException, m.MockValidationException):
            rollback()
            raise
        except m.ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: BLE001 - as moto: the error is reported per item
            errors.append((type(e).__name__, str(e), original_item))
    if any(code is not None for code, _, _ in errors):
        rollback()
        raise m.TransactionCanceledException(errors)



_query = Table.query


def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
          projection_expressions, index_name=None, *args, **kwargs):
    """Query on the table's own key: moto sorts the whole table (all_items) per query, then keeps one partition.
    The partition is all it keeps, so hand it only that partition (requests are serialised, see eventflow_moto)."""
    if index_name is not None or hash_key is None:
        return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                      projection_expressions, index_name, *args, **kwargs)
    bucket = self.items[hash_key] if hash_key in self.items else None
    if bucket is None:
        partition = []
    elif self.range_key_attr:
        partition = list(bucket.values())
    else:
        partition = [bucket]
    self.all_items = lambda: partition
    try:
        return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                      projection_expressions, index_name, *args, **kwargs)
    finally:
        del self.all_items


def is_message_valid_based_on_retention_period(self, queue_name, message):
    retain_until = self.get_queue(queue_name).message_retention_period + message.sent_timestamp / 1000
    return retain_until > unix_time()


def apply():
    m.DynamoDBBackend.transact_write_items = transact_write_items
    Table.query = query
    SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period

    modules = tuple(backends.list_of_moto_modules())  # the installed package does not change while serving
    backends.list_of_moto_modules = lambda: modules
    jsonpath_ext.parse = functools.lru_cache(maxsize=256)(jsonpath_ext.parse)  # parsed paths are not mutated
    core_responses.method_names_from_class = functools.lru_cache(maxsize=None)(
        lambda clazz: [name for name, _ in inspect.getmembers(clazz, predicate=inspect.isfunction)])
