"""moto server for eventflow, with one change: requests are applied one at a time.

moto's werkzeug server is threaded and its DynamoDB backend does not lock, so two concurrent
TransactWriteItems with the same condition can both succeed (measured: two "winners" of an optimistic
append in the event store's concurrency test). Real DynamoDB serialises conflicting transactions, and
the event store's correctness rests on that. So this launcher runs moto's own WSGI app behind a
process-wide lock. The one exception is SQS ReceiveMessage, which may long-poll for seconds and only
touches its own queue: holding the lock there would stall every other client.

It also applies moto_patches (journaled transaction rollback, partition-only queries: see there why);
EVENTFLOW_MOTO_STOCK=1 leaves moto unpatched, for comparison.

Usage: python eventflow_moto.py -H 127.0.0.1 -p PORT
"""
import argparse
import os
import threading

from moto import __version__ as moto_version
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

_LOCK = threading.Lock()
_UNLOCKED_TARGETS = {"AmazonSQS.ReceiveMessage"}


class SerializedApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET") in _UNLOCKED_TARGETS or "Action=ReceiveMessage" in environ.get("QUERY_STRING", ""):
            return self.app(environ, start_response)
        with _LOCK:
            result = self.app(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close:
                    close()
        return [body]


def main():
    parser = argparse.ArgumentParser(description="moto %s server, requests serialised (eventflow)" % moto_version)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()
    if os.environ.get("EVENTFLOW_MOTO_STOCK") != "1":
        import moto_patches
        moto_patches.apply()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, SerializedApp(app), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
