#!/usr/bin/env bash
# Renders skill-package/ into a deployable skill package, with the values that differ per deployment
# taken from deploy parameters, and refuses to write one that still holds a placeholder.
#
#   build/package-skill.sh [--out DIR] [--no-account-linking]
#
# Deploy parameters (environment variables):
#   VOICEPAY_PRIVACY_POLICY_URL       https URL of the privacy policy (every locale)        required
#   VOICEPAY_TERMS_OF_USE_URL         https URL of the terms of use (every locale)          required
#   VOICEPAY_OAUTH_CLIENT_ID          the bank's OAuth client ID for this skill             required with account linking
#   VOICEPAY_OAUTH_CLIENT_SECRET      its secret (never commit it; read from the env only)  required with account linking
#   VOICEPAY_OAUTH_AUTHORIZATION_URL  the bank's OAuth authorize endpoint (https)           required with account linking
#   VOICEPAY_OAUTH_TOKEN_URL          the bank's OAuth token endpoint (https)               required with account linking
#   VOICEPAY_OAUTH_SCOPES             space-separated scopes                                default: the package's
#   VOICEPAY_SKILL_ENDPOINT           the function ARN (FunctionArn output) or an https URL optional: no endpoint
#   VOICEPAY_SKILL_ENDPOINT_EU        the eu-west-1 function ARN for en-GB outside America  optional
#   VOICEPAY_SSL_CERTIFICATE_TYPE     Trusted, Wildcard or SelfSigned (https endpoint only)  default: Trusted
#
# Writes artifacts/skill-package (ask-resources.json deploys that folder). Without
# VOICEPAY_SKILL_ENDPOINT the manifest has no endpoint: enough to create the skill and get its ID
# before the stack exists; package again with the ARN afterwards. --no-account-linking leaves
# accountLinking.json out (set linking up in the developer console instead).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo_root/artifacts/skill-package"
account_linking=true
while [ $# -gt 0 ]; do
    case "$1" in
        --out)
            out="$2"
            shift 2
            ;;
        --no-account-linking)
            account_linking=false
            shift
            ;;
        -h | --help)
            sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "unknown argument: $1 (expected --out DIR or --no-account-linking)" >&2
            exit 2
            ;;
    esac
done

if ! command -v python3 > /dev/null 2>&1; then
    echo "python3 is needed to write the skill package JSON: apt-get install python3" >&2
    exit 1
fi

export VOICEPAY_PACKAGE_ACCOUNT_LINKING="$account_linking"
python3 - "$repo_root/skill-package" "$out" << 'PYTHON'
import json, os, re, shutil, sys, tempfile
from urllib.parse import urlparse

source, out = sys.argv[1], os.path.abspath(sys.argv[2])
linking = os.environ["VOICEPAY_PACKAGE_ACCOUNT_LINKING"] == "true"
errors = []

# What a placeholder looks like in skill-package/ (the checked-in values are templates, not settings).
PLACEHOLDER = re.compile(r"example\.invalid|REPLACE_", re.IGNORECASE)
NOT_REAL_HOSTS = {"example.invalid", "example.com", "example.org", "example.net", "localhost", "127.0.0.1"}

def param(name, required=True):
    value = os.environ.get(name, "").strip()
    if not value and required:
        errors.append(f"{name} is not set.")
    return value or None

def https_url(name, required=True):
    return check_https(name, param(name, required))

def check_https(name, value):
    if value is None:
        return None
    parsed = urlparse(value)
    host = (parsed.hostname or "").lower()
    if parsed.scheme != "https" or not host:
        errors.append(f"{name} must be an absolute https URL, not '{value}'.")
    elif host in NOT_REAL_HOSTS or host.endswith((".invalid", ".example", ".test", ".localhost")) or PLACEHOLDER.search(value):
        errors.append(f"{name} is a placeholder ('{value}'): use the real published URL.")
    return value

def not_placeholder(name, value):
    if value is not None and PLACEHOLDER.search(value):
        errors.append(f"{name} is a placeholder ('{value}').")
    return value

privacy = https_url("VOICEPAY_PRIVACY_POLICY_URL")
terms = https_url("VOICEPAY_TERMS_OF_USE_URL")
endpoint = param("VOICEPAY_SKILL_ENDPOINT", required=False)
endpoint_eu = param("VOICEPAY_SKILL_ENDPOINT_EU", required=False)
certificate = os.environ.get("VOICEPAY_SSL_CERTIFICATE_TYPE", "").strip() or "Trusted"
if certificate not in ("Trusted", "Wildcard", "SelfSigned"):
    errors.append(f"VOICEPAY_SSL_CERTIFICATE_TYPE must be Trusted, Wildcard or SelfSigned, not '{certificate}'.")

def endpoint_object(name, value):
    if value.startswith("arn:"):
        if not re.fullmatch(r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?", value):
            errors.append(f"{name} is not a Lambda function ARN: '{value}'.")
        return {"uri": value}
    check_https(name, value)
    return {"uri": value, "sslCertificateType": certificate}

if linking:
    client_id = not_placeholder("VOICEPAY_OAUTH_CLIENT_ID", param("VOICEPAY_OAUTH_CLIENT_ID"))
    client_secret = not_placeholder("VOICEPAY_OAUTH_CLIENT_SECRET", param("VOICEPAY_OAUTH_CLIENT_SECRET"))
    authorize = https_url("VOICEPAY_OAUTH_AUTHORIZATION_URL")
    token = https_url("VOICEPAY_OAUTH_TOKEN_URL")
    scopes = param("VOICEPAY_OAUTH_SCOPES", required=False)

with open(os.path.join(source, "skill.json"), encoding="utf-8") as f:
    skill = json.load(f)
manifest = skill["manifest"]
for locale in manifest["privacyAndCompliance"]["locales"].values():
    locale["privacyPolicyUrl"] = privacy
    locale["termsOfUseUrl"] = terms
custom = manifest["apis"]["custom"]
custom.pop("endpoint", None)
custom.pop("regions", None)
if endpoint:
    custom["endpoint"] = endpoint_object("VOICEPAY_SKILL_ENDPOINT", endpoint)
if endpoint_eu:
    custom["regions"] = {"EU": {"endpoint": endpoint_object("VOICEPAY_SKILL_ENDPOINT_EU", endpoint_eu)}}
# Skill events go to the same function (or URL) as the custom endpoint; without one, neither is set.
events = manifest.get("events")
if events is not None:
    events.pop("endpoint", None)
    events.pop("regions", None)
    if endpoint:
        events["endpoint"] = endpoint_object("VOICEPAY_SKILL_ENDPOINT", endpoint)
    if endpoint_eu:
        events["regions"] = {"EU": {"endpoint": endpoint_object("VOICEPAY_SKILL_ENDPOINT_EU", endpoint_eu)}}

files = {"skill.json": skill}
if linking:
    with open(os.path.join(source, "accountLinking.json"), encoding="utf-8") as f:
        account = json.load(f)
    request = account["accountLinkingRequest"]
    request["clientId"] = client_id
    request["clientSecret"] = client_secret
    request["authorizationUrl"] = authorize
    request["accessTokenUrl"] = token
    if scopes:
        request["scopes"] = scopes.split()
    files["accountLinking.json"] = account

if errors:
    print("Refusing to package the skill:", file=sys.stderr)
    for error in errors:
        print(f"  - {error}", file=sys.stderr)
    print("See docs/deployment.md (Deploy parameters).", file=sys.stderr)
    sys.exit(1)

# Everything else (interaction models) is copied as it is; then no file may hold a placeholder.
staging = tempfile.mkdtemp(prefix="voicepay-skill-package-")
try:
    shutil.copytree(source, staging, dirs_exist_ok=True)
    if not linking:
        os.remove(os.path.join(staging, "accountLinking.json"))
    for name, document in files.items():
        with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
            json.dump(document, f, indent=2, ensure_ascii=False)
            f.write("\n")
    left = []
    for folder, _, names in os.walk(staging):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if PLACEHOLDER.search(line):
                        left.append(f"{os.path.relpath(path, staging)}:{number}: {line.strip()}")
    if left:
        print("Refusing to package the skill: placeholders remain:", file=sys.stderr)
        for item in left:
            print(f"  - {item}", file=sys.stderr)
        sys.exit(1)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    shutil.copytree(staging, out)
finally:
    shutil.rmtree(staging, ignore_errors=True)

print(f"Wrote {out}" + ("" if endpoint else " (no endpoint yet: package again with VOICEPAY_SKILL_ENDPOINT once the stack exists)") + ".")
print("Deploy it with: ask deploy --target skill-metadata")
PYTHON
