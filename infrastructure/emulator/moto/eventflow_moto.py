"""moto server for eventflow: requests applied one at a time, served with keep-alive.

moto's own server is threaded and its DynamoDB backend does not lock, so two concurrent
TransactWriteItems with the same condition can both succeed (measured: two "winners" of an optimistic
append in the event store's concurrency test). Real DynamoDB serialises conflicting transactions, and
the event store's correctness rests on that. So this launcher runs moto's own WSGI app behind a
process-wide lock. The one exception is SQS ReceiveMessage, which may long-poll for seconds and only
touches its own queue: holding the lock there would stall every other client.

It also applies moto_patches (journaled transaction rollback, partition-only queries: see there why);
EVENTFLOW_MOTO_STOCK=1 leaves moto unpatched, for comparison.

It serves through waitress instead of werkzeug's development server: werkzeug answers every request with
"Connection: close", so each of the SDK's requests paid a new TCP connection and a new thread (py-spy on a
400-order chaos run: ~25% of moto's time in thread starts, header flushes and socket shutdowns, and 12% in its
per-request log line). waitress keeps connections alive and runs the app on a fixed pool of threads; the pool
is large because every long-polling ReceiveMessage holds a thread for up to 20 s.

Usage: python eventflow_moto.py -H 127.0.0.1 -p PORT
"""
import argparse
import logging
import os
import threading

from moto import __version__ as moto_version
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from waitress import serve

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
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" under load is expected
    app = DomainDispatcherApplication(create_backend_app)
    print("eventflow moto %s on http://%s:%d (waitress)" % (moto_version, args.host, args.port), flush=True)
    serve(SerializedApp(app), host=args.host, port=args.port, threads=64, connection_limit=1000,
          channel_timeout=300, ident="moto", _quiet=True)


if __name__ == "__main__":
    main()
