#!/usr/bin/env python3
"""Differential oracle for the Swift SigV4 signer (AuroraSigV4): random requests signed by botocore.

Generates `--count` random requests from a fixed `--seed` and signs each with botocore's SigV4Auth (or
SigV4QueryAuth for presigned URLs) at a frozen time, printing one JSON object per line:

    {"id": "diff-7", "features": [...],
     "input": {"method", "url", "headers": [[name, value], ...], "body" (base64), "region", "service",
               "access_key", "secret_key", "session_token", "timestamp" ("YYYYMMDDTHHMMSSZ"),
               "presign_expires"?},
     "expected": {"canonical_request", "string_to_sign", "signature", "signed_headers",
                  "authorization" | "url"}}

The URL is the wire form (already percent-encoded). Inputs where botocore and aws-c-auth are known to
disagree are not generated: non-canonical query encoding, empty query components, raw ':' in paths,
non-ASCII header whitespace, a Date header, form-encoded or non-empty bodies and repeated keys in
presigned requests, and pre-set X-Amz-Date / Authorization / token headers.

Usage: python3 scripts/sigv4_differential.py [--seed 20251123] [--count 300] > cases.jsonl
Same seed and botocore version give the same output.
"""

import argparse
import base64
import datetime
import json
import random
import sys
from unittest import mock
from urllib.parse import quote

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
SUB_DELIMS = "!$&'()*+,;=@"
UNICODE = ["é", "ሴ", "€", "λ", "😀", "e\u0301", "日本", "ß", "\u00a0"]
OTHER = [" ", "%", "?", "#", "/", ":", "[", "]", '"', "<", ">", "\\", "^", "`", "{", "|", "}"]
SERVICES = [("rds-data", "us-east-1"), ("rds-data", "eu-west-1"), ("service", "us-east-1"),
            ("execute-api", "ap-southeast-2"), ("lambda", "us-west-2")]
HEADER_NAMES = ["X-Custom", "x-amz-meta-Foo", "My-Header", "Content-Type", "Accept", "X-Amz-Target",
                "Content-Length", "Range", "If-Match"]
UNSIGNED_HEADER_NAMES = ["User-Agent", "Connection", "X-Amzn-Trace-Id", "Transfer-Encoding", "Expect"]


def random_text(rng, length, alphabet_weights=(6, 2, 2, 1)):
    """Characters drawn from unreserved, sub-delims, non-ASCII and other ASCII."""
    pools = [list(UNRESERVED), list(SUB_DELIMS), UNICODE, OTHER]
    chars = []
    for _ in range(length):
        pool = rng.choices(pools, weights=alphabet_weights)[0]
        chars.append(rng.choice(pool))
    return "".join(chars)


def wire_path_segment(rng, text, features):
    """Percent-encodes a path segment the way an HTTP client might: unreserved raw, sub-delims raw or
    encoded, everything else encoded (upper-case hex, sometimes lower-case)."""
    out = []
    lower = rng.random() < 0.1
    for ch in text:
        if ch in UNRESERVED:
            out.append(ch)
        elif ch in SUB_DELIMS and rng.random() < 0.5:
            out.append(ch)
            features.add("raw-subdelims-in-path")
        else:
            encoded = quote(ch, safe="")
            out.append(encoded.lower() if lower else encoded)
            features.add("percent-encoded-path")
            if ord(ch[0]) > 127:
                features.add("utf8-path")
    return "".join(out)


def random_path(rng, features):
    if rng.random() < 0.1:
        features.add("empty-path")
        return ""
    segments = []
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if roll < 0.08:
            segments.append(".")
            features.add("dot-segment")
        elif roll < 0.14:
            segments.append("..")
            features.add("dot-segment")
        elif roll < 0.2:
            segments.append("")
            features.add("empty-segment")
        else:
            segments.append(wire_path_segment(rng, random_text(rng, rng.randint(1, 12)), features))
    path = "/" + "/".join(segments)
    if rng.random() < 0.2:
        path += "/"
        features.add("trailing-slash")
    return path


def strict(text):
    return quote(text, safe="-_.~")


def random_query(rng, features, presign):
    """A canonically encoded query string (botocore copies URL queries verbatim)."""
    if rng.random() < 0.4:
        return ""
    features.add("query")
    parts = []
    keys = []
    for _ in range(rng.randint(1, 6)):
        if keys and not presign and rng.random() < 0.2:
            key = rng.choice(keys)
            features.add("repeated-key")
        else:
            key = random_text(rng, rng.randint(1, 8), (6, 2, 2, 1))
            if presign and key in keys:
                continue
        keys.append(key)
        roll = rng.random()
        if roll < 0.15:
            parts.append(strict(key))
            features.add("bare-key")
        elif roll < 0.3:
            parts.append(strict(key) + "=")
            features.add("empty-value")
        else:
            parts.append(strict(key) + "=" + strict(random_text(rng, rng.randint(0, 10))))
        if not presign and rng.random() < 0.05:
            parts.append(parts[-1])
            features.add("duplicate-pair")
    return "&".join(parts)


def random_header_value(rng, features):
    roll = rng.random()
    if roll < 0.1:
        features.add("empty-header-value")
        return rng.choice(["", " ", "\t "])
    words = [random_text(rng, rng.randint(1, 8), (8, 2, 0, 0)) for _ in range(rng.randint(1, 4))]
    separators = [rng.choice([" ", "  ", "   ", "\t", " \t "]) for _ in words[1:]]
    if any(s != " " for s in separators):
        features.add("header-whitespace-runs")
    value = words[0] + "".join(s + w for s, w in zip(separators, words[1:]))
    if rng.random() < 0.3:
        value = rng.choice([" ", "  ", "\t"]) + value + rng.choice(["", " ", "\t "])
        features.add("header-leading-trailing-space")
    if rng.random() < 0.1:
        value = '"' + value + '"'
    return value


def random_headers(rng, features, host):
    headers = []
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(HEADER_NAMES)
        name = "".join(c.upper() if rng.random() < 0.3 else c for c in name)
        headers.append([name, random_header_value(rng, features)])
        if rng.random() < 0.15:
            headers.append([name.lower(), random_header_value(rng, features)])
            features.add("duplicate-header")
    if rng.random() < 0.2:
        headers.append([rng.choice(UNSIGNED_HEADER_NAMES), "curl/8.0"])
        features.add("unsigned-header")
    if rng.random() < 0.15:
        headers.insert(rng.randint(0, len(headers)), ["Host", host])
        features.add("explicit-host")
    rng.shuffle(headers)
    return headers


def random_timestamp(rng):
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    moment = start + datetime.timedelta(seconds=rng.randrange(100 * 365 * 86400))
    if rng.random() < 0.05:
        moment = datetime.datetime(2024, 2, 29, 23, 59, 59, tzinfo=datetime.timezone.utc)
    return moment.replace(tzinfo=None)


def random_case(rng, index):
    features = set()
    service, region = rng.choice(SERVICES)
    presign = rng.random() < 0.1
    if presign:
        features.add("presign")
    scheme = "https" if rng.random() < 0.85 else "http"
    host = f"{service}.{region}.amazonaws.com"
    if rng.random() < 0.1:
        host = host.upper()
        features.add("upper-case-host")
    port = ""
    roll = rng.random()
    if roll < 0.1:
        port = ":8443"
        features.add("non-default-port")
    elif roll < 0.15:
        port = ":443" if scheme == "https" else ":80"
        features.add("explicit-default-port")
    path = random_path(rng, features)
    query = random_query(rng, features, presign)
    url = f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "")
    signed_host = host.lower() + (port if port == ":8443" else "")
    headers = random_headers(rng, features, signed_host)
    body = b""
    method = "GET"
    if not presign and rng.random() < 0.7:
        method = rng.choice(["POST", "PUT"])
        size = rng.choice([0, rng.randint(1, 300), rng.randint(300, 4096), rng.randint(4096, 100 * 1024)])
        body = rng.randbytes(size)
        features.add("body")
    token = None
    if rng.random() < 0.3:
        token = "IQoJb3JpZ2luX2Vj" + "".join(rng.choice(UNRESERVED + "+/=") for _ in range(rng.randint(20, 400)))
        features.add("session-token")
    access_key = "AKID" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(16))
    secret_key = "".join(rng.choice(UNRESERVED + "+/") for _ in range(40))
    timestamp = random_timestamp(rng)
    case = {
        "id": f"diff-{index}",
        "features": sorted(features),
        "input": {
            "method": method,
            "url": url,
            "headers": headers,
            "body": base64.b64encode(body).decode(),
            "region": region,
            "service": service,
            "access_key": access_key,
            "secret_key": secret_key,
            "session_token": token,
            "timestamp": timestamp.strftime("%Y%m%dT%H%M%SZ"),
        },
    }
    if presign:
        case["input"]["presign_expires"] = rng.choice([1, 60, 900, 3600, 604800])
    return case


def botocore_sign(case_input):
    """Signs with botocore at the case's timestamp; returns the expected values."""
    captured = {}

    def capturing(base):
        class Capturing(base):
            def canonical_request(self, request):
                captured["canonical_request"] = super().canonical_request(request)
                return captured["canonical_request"]

            def string_to_sign(self, request, canonical_request):
                captured["string_to_sign"] = super().string_to_sign(request, canonical_request)
                return captured["string_to_sign"]

            def signature(self, string_to_sign, request):
                captured["signature"] = super().signature(string_to_sign, request)
                return captured["signature"]

        return Capturing

    credentials = Credentials(case_input["access_key"], case_input["secret_key"], case_input["session_token"])
    request = AWSRequest(method=case_input["method"], url=case_input["url"],
                         data=base64.b64decode(case_input["body"]))
    for name, value in case_input["headers"]:
        request.headers[name] = value  # HTTPHeaders appends: repeated names are kept in order
    frozen = datetime.datetime.strptime(case_input["timestamp"], "%Y%m%dT%H%M%SZ")
    presign = "presign_expires" in case_input
    if presign:
        signer = capturing(botocore.auth.SigV4QueryAuth)(
            credentials, case_input["service"], case_input["region"], expires=case_input["presign_expires"])
    else:
        signer = capturing(botocore.auth.SigV4Auth)(credentials, case_input["service"], case_input["region"])
    if hasattr(botocore.auth, "get_current_datetime"):
        patcher = mock.patch.object(botocore.auth, "get_current_datetime", lambda *args, **kwargs: frozen)
    else:  # older botocore: what its own tests do (tests/__init__.py FreezeTime)
        fake = mock.Mock(wraps=datetime.datetime)
        fake.utcnow.return_value = frozen
        patcher = mock.patch.object(botocore.auth.datetime, "datetime", fake)
    with patcher:
        signer.add_auth(request)
    expected = {
        "canonical_request": captured["canonical_request"],
        "string_to_sign": captured["string_to_sign"],
        "signature": captured["signature"],
        "signed_headers": captured["canonical_request"].split("\n")[-2],
    }
    if presign:
        expected["url"] = request.url
    else:
        expected["authorization"] = request.headers["Authorization"]
    return expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20251123)
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for index in range(args.count):
        case = random_case(rng, index)
        case["expected"] = botocore_sign(case["input"])
        sys.stdout.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
