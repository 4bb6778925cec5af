#!/usr/bin/env bash
# The gate on a Lambda package (scripts/package-lambda.sh): fails unless `bootstrap` will start on
# provided.al2023 and fits the size budget.
#   - statically linked, or else needing only libraries Amazon Linux 2023 has, with no GLIBC symbol version newer
#     than 2.34 (AL2023's glibc) and no GLIBCXX newer than 3.4.29 (its GCC 11 libstdc++);
#   - at most 25 MB stripped, and the zip at most 12 MB;
#   - the static binary still resolves host names (localhost), makes HTTP requests, and speaks TLS with
#     certificate verification: it is run as a Lambda runtime against a Runtime API given by name, and its
#     Data API call goes to a TLS server whose self-signed certificate it must refuse.
#   bash scripts/check-lambda-package.sh [PACKAGE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.build/lambda}
binary=$dir/asset/bootstrap
zip=$dir/aurora-data-lambda.zip
fail() { echo "check-lambda-package: $*" >&2; exit 1; }
[ -x "$binary" ] || fail "no executable $binary (run scripts/package-lambda.sh)"
[ -f "$zip" ] || fail "no $zip"

if file "$binary" | grep "statically linked" >/dev/null; then
    linkage="static"
else
    allowed="libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1 libz.so.1 libpthread.so.0 libdl.so.2 librt.so.1"
    for needed in $(readelf -d "$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
        case " $allowed " in *" $needed "*) ;; *) fail "bootstrap needs $needed, which provided.al2023 does not have" ;; esac
    done
    max_glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
    max_glibcxx=$(objdump -T "$binary" | grep -o 'GLIBCXX_[0-9.]*' | sort -uV | tail -1)
    [ "$(printf '%s\nGLIBC_2.34\n' "${max_glibc:-GLIBC_2.0}" | sort -V | tail -1)" = "GLIBC_2.34" ] || fail "bootstrap needs $max_glibc; provided.al2023 has glibc 2.34"
    [ "$(printf '%s\nGLIBCXX_3.4.29\n' "${max_glibcxx:-GLIBCXX_3.4}" | sort -V | tail -1)" = "GLIBCXX_3.4.29" ] || fail "bootstrap needs $max_glibcxx; provided.al2023 has GLIBCXX_3.4.29"
    linkage="dynamic, max $max_glibc"
fi

size=$(wc -c < "$binary")
zip_size=$(wc -c < "$zip")
[ "$size" -le 25000000 ] || fail "bootstrap is $size bytes stripped; the budget is 25 MB"
[ "$zip_size" -le 12000000 ] || fail "the zip is $zip_size bytes; the budget is 12 MB"
unzip -l "$zip" | grep ' bootstrap$' >/dev/null || fail "the zip has no bootstrap at its root"

# Name resolution, HTTP and TLS from the static binary: a Runtime API at localhost:<port> hands it two events.
# The first is answered without the database; the second calls the Data API at https://localhost:<port>, a
# TLS server with a self-signed certificate: the binary must start a TLS handshake and refuse the certificate.
tls_dir=$(mktemp -d)
trap 'rm -rf "$tls_dir"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout "$tls_dir/key.pem" -out "$tls_dir/cert.pem" 2>/dev/null
python3 - "$binary" "$tls_dir" <<'PY'
import http.server, json, socket, ssl, subprocess, sys, threading, time
binary, tls_dir = sys.argv[1], sys.argv[2]
seen = {"answers": []}
events = [json.dumps({"command": "nonsense"}),
          json.dumps({"version": "2.0", "rawPath": "/posts/1", "requestContext": {"stage": "$default", "http": {"method": "GET", "path": "/posts/1"}}})]

class Runtime(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        if not events:
            time.sleep(30)   # no more events: hold the request, as Lambda does
            return
        body = events.pop(0).encode()
        deadline = int(time.time() * 1000) + 3000
        self.send_response(200)
        for name, value in (("Lambda-Runtime-Aws-Request-Id", f"check-{len(events)}"), ("Lambda-Runtime-Deadline-Ms", str(deadline)),
                            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:check"),
                            ("Content-Length", str(len(body)))):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        seen["answers"].append((self.path, self.rfile.read(length).decode()))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

runtime = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Runtime)
threading.Thread(target=runtime.serve_forever, daemon=True).start()

# The "Data API": a TLS server whose certificate nothing trusts. It records the handshakes it sees.
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(f"{tls_dir}/cert.pem", f"{tls_dir}/key.pem")
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
def serve_tls():
    while True:
        connection, _ = listener.accept()
        try:
            tls.wrap_socket(connection, server_side=True).close()
            seen["handshake"] = "completed"
        except ssl.SSLError as error:
            seen["handshake"] = str(error)
        except OSError:
            pass
threading.Thread(target=serve_tls, daemon=True).start()

env = {"AWS_LAMBDA_RUNTIME_API": f"localhost:{runtime.server_port}", "_HANDLER": "posts",
       "AURORA_RESOURCE_ARN": "arn:aws:rds:us-east-1:000000000000:cluster:c", "AURORA_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:000000000000:secret:s",
       "AURORA_DATABASE": "d", "AURORA_ENGINE": "postgresql", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b",
       "AWS_ENDPOINT_URL_RDS_DATA": f"https://localhost:{listener.getsockname()[1]}", "AWS_EC2_METADATA_DISABLED": "true"}
process = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
try:
    for _ in range(200):
        if len(seen["answers"]) >= 2: break
        time.sleep(0.05)
finally:
    process.kill()
    output = process.communicate()[0].decode(errors="replace")
answers = seen["answers"]
if len(answers) < 2:
    sys.exit(f"check-lambda-package: the static bootstrap did not answer two events through a Runtime API named localhost ({answers}):\n{output}")
path, body = answers[0]
if not path.endswith("/check-1/error") or "Function.InvalidCommand" not in body:
    sys.exit(f"check-lambda-package: unexpected first answer {path} {body}\n{output}")
path, body = answers[1]
status = json.loads(body).get("statusCode") if path.endswith("/response") else None
handshake = seen.get("handshake", "")
# A refused certificate is not retried (it would fail the same way): the function answers 500 at once.
if status != 500 or not handshake or handshake == "completed" or "TLSHandshakeFailed" not in output:
    sys.exit(f"check-lambda-package: expected a refused TLS handshake and a 500, got {path} {body}, handshake {handshake!r}\n{output}")
PY
echo "check-lambda-package: ok: bootstrap $linkage, $size bytes stripped, zip $zip_size bytes; resolves localhost, answers over HTTP, verifies TLS certificates" >&2
