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

And one that grows with the backlog: moto computes every attribute of a queue, three of them by walking all its
messages, to read one of them: on every SendMessage (ContentBasedDeduplication, so every EventBridge and SNS
delivery to a queue) and twice per name in GetQueueAttributes. With thousands of messages waiting (a 10,000-order
run places orders faster than consumers drain them), PutEvents took 90% of moto's time (py-spy) and the run
slowed as the queues grew. Queue attributes are now computed when read, each at most once per lookup.

And Scan: moto sorts the whole table for every page, so reading a table costs pages x items (the chaos checks
read ~100,000-item tables after a 10,000-order run). The sorted key order is now kept between pages.

check_patches.py (run by `./eventflow test` and inside `mvn verify`) compares the answers of patched and unpatched
moto. Every patch replaces a moto function by a copy of its 5.2.1 logic with the cost removed, so this module
refuses to load on any other moto version (PINNED_MOTO, the pin of requirements-dev.txt): a new moto must be
re-checked, and the patches re-derived, before it is used. Why each patch exists and what it may not change:
infrastructure/emulator/README.md.
"""
import bisect
import copy
import functools
import inspect
import json
from collections.abc import Mapping

import jsonpath_ng.ext as jsonpath_ext
from moto import backends
from moto.core import responses as core_responses
from moto.core.utils import camelcase_to_underscores, unix_time
from moto.dynamodb import models as m
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.sqs.exceptions import InvalidAttributeName
from moto.sqs.models import Queue, SQSBackend

PINNED_MOTO = "5.2.1"


def require_pinned_moto():
    import moto
    if moto.__version__ != PINNED_MOTO:
        raise ImportError(f"moto_patches is written for moto {PINNED_MOTO} (requirements-dev.txt), found moto "
                          f"{moto.__version__}: re-derive the patches and re-run check_patches.py before using it")


require_pinned_moto()  # refuse to load at all on another moto


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
            forget_scan_order(table)
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


def unsorted_items(table):
    if not table.range_key_attr:
        return list(table.items.values())
    return [item for bucket in table.items.values() for item in bucket.values()]


def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
          projection_expressions, index_name=None, *args, **kwargs):
    """Query on the table's own key: moto sorts the whole table (all_items) per query, then keeps one partition.
    The partition is all it keeps, so hand it only that partition (requests are serialised, see eventflow_moto)."""
    if index_name is not None:
        # An index query filters every item, then sorts what matched by the index's keys: the sort of the whole
        # table that all_items() does first changes nothing but cost (82% of moto's time when a 10,000-order
        # run's replay read the store by type, ~1 page/s).
        candidates = unsorted_items(self)
    elif hash_key is None:
        return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                      projection_expressions, index_name, *args, **kwargs)
    else:
        bucket = self.items[hash_key] if hash_key in self.items else None
        if bucket is None:
            candidates = []
        elif self.range_key_attr:
            candidates = list(bucket.values())
        else:
            candidates = [bucket]
    self.all_items = lambda: candidates
    try:
        return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                      projection_expressions, index_name, *args, **kwargs)
    finally:
        del self.all_items


_put_item = Table.put_item
_delete_item = Table.delete_item
_scan = Table.scan
SCAN_ORDER = "_eventflow_scan_order"


def forget_scan_order(table):
    table.__dict__.pop(SCAN_ORDER, None)


def put_item(self, *args, **kwargs):
    forget_scan_order(self)
    return _put_item(self, *args, **kwargs)


def delete_item(self, *args, **kwargs):
    forget_scan_order(self)
    return _delete_item(self, *args, **kwargs)


def scan_order(table):
    """The table's keys in the order moto's all_items() sorts its items, kept until a key may have changed: every
    put and delete forgets it (so does a rollback, and a restore replaces the items dict, which is checked)."""
    cached = table.__dict__.get(SCAN_ORDER)
    if cached is None or cached[0] is not table.items:
        if table.range_key_attr:
            keys = sorted((h, r) for h, bucket in table.items.items() for r in bucket)
        else:
            keys = sorted(table.items)
        cached = (table.items, keys)
        table.__dict__[SCAN_ORDER] = cached
    return cached[1]


def items_after(table, keys, start):
    for key in keys[start:]:
        if table.range_key_attr:
            item = table.items.get(key[0], {}).get(key[1])
        else:
            item = table.items.get(key)
        if item is not None:
            yield item


def scan(self, filters, limit, exclusive_start_key, filter_expression=None, index_name=None, consistent_read=False,
         projection_expression=None, segments=(None, None)):
    """A table Scan: moto sorts the whole table for every page, then compares each item with the page's start key
    until it passes it, so reading a table costs pages x items (the six checks of a 10,000-order run, which read
    ~100,000-item tables, took 6 min idle, 10 min on shared cores). Hand it the items after the start key, in the same order, from a sorted key list kept
    between pages; moto's own loop still checks the first one against the start key."""
    if index_name is None:
        keys = scan_order(self)
        start = 0
        if exclusive_start_key is not None:
            try:
                h = DynamoType(exclusive_start_key[self.hash_key_attr])
                key = (h, DynamoType(exclusive_start_key[self.range_key_attr])) if self.range_key_attr else h
                start = bisect.bisect_right(keys, key)
            except (KeyError, TypeError):
                start = 0  # moto's loop skips to the start key itself, and reports a bad key as it always did
        self.all_items = lambda: items_after(self, keys, start)
        try:
            return _scan(self, filters, limit, exclusive_start_key, filter_expression, index_name, consistent_read,
                         projection_expression, segments)
        finally:
            del self.all_items
    return _scan(self, filters, limit, exclusive_start_key, filter_expression, index_name, consistent_read,
                 projection_expression, segments)


def is_message_valid_based_on_retention_period(self, queue_name, message):
    retain_until = self.get_queue(queue_name).message_retention_period + message.sent_timestamp / 1000
    return retain_until > unix_time()


class QueueAttributes(Mapping):
    """Queue.attributes with the same names, order and values, each computed when first read."""

    def __init__(self, queue):
        self._queue = queue
        self._names = list(queue.BASE_ATTRIBUTES)
        if queue.fifo_queue:
            self._names += queue.FIFO_ATTRIBUTES
        if queue.kms_master_key_id:
            self._names += queue.KMS_ATTRIBUTES
        self._values = {}

    def __getitem__(self, name):
        if name not in self._values:
            if name not in self._names:
                raise KeyError(name)
            q = self._queue
            if name == "RedrivePolicy":
                value = json.dumps(q.redrive_policy) if q.redrive_policy else q.redrive_policy
            else:
                value = getattr(q, camelcase_to_underscores(name))
            self._values[name] = str(value).lower() if isinstance(value, bool) else value
        return self._values[name]

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)


def get_queue_attributes(self, queue_name, attribute_names):
    queue = self.get_queue(queue_name)
    if not attribute_names:
        return {}
    valid = ["All"] + queue.BASE_ATTRIBUTES + queue.FIFO_ATTRIBUTES + queue.KMS_ATTRIBUTES
    invalid = next((name for name in attribute_names if name not in valid), None)
    if invalid or invalid == "":
        raise InvalidAttributeName(invalid)
    attributes = queue.attributes
    names = list(attributes) if "All" in attribute_names else [n for n in attribute_names if n in attributes]
    return {n: attributes[n] for n in names if "All" in attribute_names or attributes[n] is not None}


def apply():
    m.DynamoDBBackend.transact_write_items = transact_write_items
    Table.query = query
    Table.put_item = put_item
    Table.delete_item = delete_item
    Table.scan = scan
    SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period
    Queue.attributes = property(QueueAttributes)
    SQSBackend.get_queue_attributes = get_queue_attributes

    modules = tuple(backends.list_of_moto_modules())  # the installed package does not change while serving
    backends.list_of_moto_modules = lambda: modules
    jsonpath_ext.parse = functools.lru_cache(maxsize=256)(jsonpath_ext.parse)  # parsed paths are not mutated
    core_responses.method_names_from_class = functools.lru_cache(maxsize=None)(
        lambda clazz: [name for name, _ in inspect.getmembers(clazz, predicate=inspect.isfunction)])
