"""Checks that moto_patches.py changes cost, not answers: the same requests, run on unpatched moto and then on
patched moto (in process, one fresh mock each), must give the same responses, page by page.

Run by `./eventflow test` before `mvn verify` (a few seconds); `--bench N` also times reading an N-item table
by Scan pages both ways (a benchmark: it prints numbers and asserts nothing about them).

Covers the DynamoDB patches (Scan and Query pagination over a table that changes between pages, index Query,
a failed TransactWriteItems rolled back, on a plain table and on a stream-enabled one, whose stream must then hold
the records of the committed writes only) and the SQS attribute patch (GetQueueAttributes on standard, FIFO,
KMS and redrive queues with messages visible, in flight and delayed). It refuses to run on another moto than the
one moto_patches is written for (the pin of requirements-dev.txt).
"""
import argparse
import json
import os
import random
import sys
import time

import boto3
from moto import mock_aws

import moto_patches

REGION = "us-east-1"
VOLATILE = {"CreatedTimestamp", "LastModifiedTimestamp"}


def client(service):
    return boto3.client(service, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test")


def pages(call, **request):
    """Every page of a paginated call: the items and the key it ended on."""
    out = []
    while True:
        page = call(**request)
        out.append({"items": page.get("Items"), "count": page["Count"], "last": page.get("LastEvaluatedKey")})
        if "LastEvaluatedKey" not in page:
            return out
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def create_tables(ddb):
    ddb.create_table(TableName="ranged", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"},
                                           {"AttributeName": "kind", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     GlobalSecondaryIndexes=[{"IndexName": "byKind", "Projection": {"ProjectionType": "ALL"},
                                              "KeySchema": [{"AttributeName": "kind", "KeyType": "HASH"},
                                                            {"AttributeName": "sk", "KeyType": "RANGE"}]}])
    ddb.create_table(TableName="flat", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])


def ranged_item(rng, n, body=300):
    return {"pk": {"S": f"p-{rng.randrange(40)}"}, "sk": {"N": str(n)}, "kind": {"S": rng.choice("ABC")},
            "body": {"S": "x" * rng.randrange(1, body)}}


def dynamodb_answers():
    ddb = client("dynamodb")
    create_tables(ddb)
    rng = random.Random(11)
    keys = []
    for n in range(400):
        item = ranged_item(rng, rng.randrange(10_000))
        ddb.put_item(TableName="ranged", Item=item)
        keys.append({"pk": item["pk"], "sk": item["sk"]})
        ddb.put_item(TableName="flat", Item={"id": {"S": f"id-{rng.randrange(100_000)}"}, "n": {"N": str(n)}})
    answers = {"ranged": pages(ddb.scan, TableName="ranged", Limit=17),
               "flat": pages(ddb.scan, TableName="flat", Limit=13),
               "filtered": pages(ddb.scan, TableName="ranged", Limit=29, FilterExpression="kind = :k",
                                 ExpressionAttributeValues={":k": {"S": "B"}}),
               "count": pages(ddb.scan, TableName="flat", Select="COUNT", Limit=50)}

    # Puts, deletes, or both between pages, before and after the page boundary.
    for puts, deletes in ((3, 0), (0, 2), (3, 2)):
        request = {"TableName": "ranged", "Limit": 23}
        changing = []
        while True:
            page = ddb.scan(**request)
            changing.append({"items": page["Items"], "last": page.get("LastEvaluatedKey")})
            if "LastEvaluatedKey" not in page:
                break
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]
            for _ in range(puts):
                item = ranged_item(rng, rng.randrange(10_000))
                ddb.put_item(TableName="ranged", Item=item)
                keys.append({"pk": item["pk"], "sk": item["sk"]})
            for _ in range(deletes):
                ddb.delete_item(TableName="ranged", Key=keys.pop(rng.randrange(len(keys))))
        answers[f"changing puts={puts} deletes={deletes}"] = changing

    # A transaction that fails on its last condition: its puts are rolled back, the next scan must not see them.
    try:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "ranged", "Item": ranged_item(rng, 20_000 + i)}} for i in range(5)] + [
            {"ConditionCheck": {"TableName": "flat", "Key": {"id": {"S": "absent"}},
                                "ConditionExpression": "attribute_exists(id)"}}])
        answers["transaction"] = "applied"
    except ddb.exceptions.TransactionCanceledException as e:
        answers["transaction"] = [r.get("Code") for r in e.response["CancellationReasons"]]
    answers["after rollback"] = pages(ddb.scan, TableName="ranged", Limit=31)

    for forward in (True, False):
        answers[f"query forward={forward}"] = pages(
            ddb.query, TableName="ranged", Limit=3, ScanIndexForward=forward,
            KeyConditionExpression="pk = :p AND sk > :s", ExpressionAttributeValues={":p": {"S": "p-7"}, ":s": {"N": "100"}})
        answers[f"index forward={forward}"] = pages(
            ddb.query, TableName="ranged", IndexName="byKind", Limit=19, ScanIndexForward=forward,
            KeyConditionExpression="kind = :k", ExpressionAttributeValues={":k": {"S": "C"}})
    return answers


def stream_answers():
    """An event-store-like table with a stream: one committed append, then one that fails on its version guard.
    The stream must show the first and nothing of the second (rolled back: no record of it, on either side)."""
    ddb = client("dynamodb")
    streams = client("dynamodbstreams")
    arn = ddb.create_table(TableName="events", BillingMode="PAY_PER_REQUEST",
                           AttributeDefinitions=[{"AttributeName": "streamId", "AttributeType": "S"},
                                                 {"AttributeName": "seq", "AttributeType": "N"}],
                           KeySchema=[{"AttributeName": "streamId", "KeyType": "HASH"},
                                      {"AttributeName": "seq", "KeyType": "RANGE"}],
                           StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
                           )["TableDescription"]["LatestStreamArn"]

    def append(seq, count):
        guard = {"ConditionExpression": "attribute_not_exists(streamId)"}
        return ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "events", "Item": {"streamId": {"S": "Order-1"}, "seq": {"N": str(seq + i)},
                                                     "type": {"S": f"E{seq + i}"}}, **guard}} for i in range(count)])

    append(1, 3)
    outcome = "applied"
    try:
        append(3, 3)  # seq 3 exists: the whole append must be undone, 4 and 5 included
    except ddb.exceptions.TransactionCanceledException as e:
        outcome = [r.get("Code") for r in e.response["CancellationReasons"]]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = [(r["eventName"], r["dynamodb"]["Keys"]["seq"]["N"], r["dynamodb"].get("NewImage", {}).get("type", {}).get("S"))
               for r in streams.get_records(ShardIterator=iterator)["Records"]]
    committed = [("INSERT", str(n), f"E{n}") for n in (1, 2, 3)]
    if records != committed:
        raise AssertionError(f"stream after a rolled-back transaction: {records}, expected only {committed}")
    return {"transaction": outcome, "records": records,
            "items": pages(ddb.query, TableName="events", KeyConditionExpression="streamId = :s",
                           ExpressionAttributeValues={":s": {"S": "Order-1"}})}


def sqs_answers():
    sqs = client("sqs")
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    urls = [sqs.create_queue(QueueName="standard", Attributes={
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 3})})["QueueUrl"],
            sqs.create_queue(QueueName="orders.fifo", Attributes={
                "FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"],
            sqs.create_queue(QueueName="sealed", Attributes={"KmsMasterKeyId": "alias/aws/sqs"})["QueueUrl"], dlq]
    answers = {}
    for url in urls:
        fifo = url.endswith(".fifo")
        for i in range(6):
            extra = {"MessageGroupId": "g"} if fifo else {"DelaySeconds": 60 if i == 5 else 0}
            sqs.send_message(QueueUrl=url, MessageBody=f"m-{i}", **extra)
        sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, VisibilityTimeout=300)
        for names in (["All"], ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                                "ApproximateNumberOfMessagesDelayed", "RedrivePolicy", "FifoQueue"]):
            got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names).get("Attributes", {})
            answers[f"{url.rsplit('/', 1)[-1]} {names[0]}"] = {k: v for k, v in got.items() if k not in VOLATILE}
    return answers


def answers():
    with mock_aws():
        return {"dynamodb": dynamodb_answers(), "streams": stream_answers(), "sqs": sqs_answers()}


def first_difference(a, b, path="answers"):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{path}.{k}: present on one side only"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} entries != {len(b)}"
        return next((d for d in (first_difference(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b))) if d), None)
    return None if a == b else f"{path}: {a!r} != {b!r}"


def bench(items):
    """Seconds to read an `items`-item table by Scan pages (~1 MB each; items of ~1 KB, like stored events)."""
    with mock_aws():
        ddb = client("dynamodb")
        create_tables(ddb)
        rng = random.Random(5)
        for n in range(items):
            ddb.put_item(TableName="ranged", Item=ranged_item(rng, n, body=2000))
        started = time.perf_counter()
        read = sum(p["count"] for p in pages(ddb.scan, TableName="ranged"))
        return time.perf_counter() - started, read


def main():
    for name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL")]:
        del os.environ[name]  # moto answers in process here; an endpoint override would send requests away
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=int, metavar="N", help="also time a Scan of N items, unpatched and patched")
    args = parser.parse_args()
    moto_patches.require_pinned_moto()
    pinned = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "requirements-dev.txt")
    if os.path.isfile(pinned) and f"moto[server]=={moto_patches.PINNED_MOTO}" not in open(pinned).read():
        print(f"moto_patches.PINNED_MOTO {moto_patches.PINNED_MOTO} is not the moto pinned in requirements-dev.txt",
              file=sys.stderr)
        return 1
    unpatched = answers()
    slow = bench(args.bench) if args.bench else None
    moto_patches.apply()
    patched = answers()
    difference = first_difference(unpatched, patched)
    if difference:
        print(f"moto_patches changed an answer: {difference}", file=sys.stderr)
        return 1
    scans = sum(len(v) for v in unpatched["dynamodb"].values()
                if isinstance(v, list) and all(isinstance(p, dict) and "items" in p for p in v))  # pages, not codes
    print(f"moto_patches: same answers as unpatched moto {moto_patches.PINNED_MOTO} ({scans} DynamoDB pages, "
          f"{len(unpatched['streams']['records'])} stream records after a rolled-back append, {len(unpatched['sqs'])} queue lookups)")
    if slow:
        fast = bench(args.bench)
        print(f"Scan of {args.bench} items: unpatched {slow[0]:.1f} s ({slow[1]} read), patched {fast[0]:.1f} s ({fast[1]} read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
