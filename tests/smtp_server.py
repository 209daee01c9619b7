"""A local SMTP server for verbale's mail tests (aiosmtpd 1.4.6).

Usage: smtp_server.py INBOX [--password PASSWORD] [--refuse] [--drop]

Listens on 127.0.0.1 on a free port, prints "listening on PORT", and saves each message it
accepts as INBOX/NNN.eml. --password requires AUTH (PLAIN or LOGIN) with that password;
--refuse answers every recipient with 550; --drop closes the connection when the message's
data is sent, without answering.
"""

import argparse
import asyncio
import os
import signal
import socket

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, inbox, refuse, drop):
        self.inbox = inbox
        self.refuse = refuse
        self.drop = drop
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 <%s>: recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop:
            server.transport.close()
            return "421 closing"
        self.count += 1
        path = os.path.join(self.inbox, "%03d.eml" % self.count)
        with open(path, "wb") as file:
            file.write(envelope.original_content)
        return "250 2.0.0 Ok: queued as %03d" % self.count


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("inbox")
    parser.add_argument("--password")
    parser.add_argument("--refuse", action="store_true")
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.password.decode() == args.password
        # handled=False: aiosmtpd answers a failure with 535 itself.
        return AuthResult(success=ok, handled=False)

    options = {}
    if args.password is not None:
        options = dict(
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=False,
            # One mechanism keeps a failure to one answer (lettre tries each offered).
            auth_exclude_mechanism=["LOGIN"],
        )
    port = free_port()
    controller = Controller(
        Handler(args.inbox, args.refuse, args.drop),
        hostname="127.0.0.1",
        port=port,
        **options,
    )
    controller.start()
    print("listening on %d" % port, flush=True)
    try:
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
