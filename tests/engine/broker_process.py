"""A kafkalab-broker process for the real-client tests (real_clients_*.py): started on free
ports (--port-base 0) with the given arguments, ready once it printed its "listening" line."""
import json
import socket
import subprocess
import sys
import time


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def recv_exactly(sock, n):
    """n bytes from the socket, or a failure naming how many came before it closed."""
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            fail("the broker closed the connection after %d of %d bytes" % (len(data), n))
        data += chunk
    return data


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_broker(binary, data_dir, *args):
    """Returns (process, the "listening" event); its stdout is left for the caller to read."""
    proc = subprocess.Popen([binary, "--data-dir", data_dir, "--port-base", "0"] + list(args),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            fail("kafkalab-broker exited before listening: " + proc.stderr.read())
        event = json.loads(line)
        if event.get("type") == "listening":
            return proc, event
    fail("kafkalab-broker did not print its listeners")
