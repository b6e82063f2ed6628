#!/usr/bin/env bash
# Refreshes the dashboard's screenshots in docs/dashboard/ (login, list, secret, revealed,
# preview, compare, tokens, audit, local): runs the browser tests with KEEP_SCREENSHOTS set,
# which makes them save a PNG of each main page as they pass through it. Needs Debian's
# chromium and chromium-driver. Rendering varies by machine, so the files are refreshed when
# pages change, never compared byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP_SCREENSHOTS=1 cargo test --test cli -- --test-threads 1 \
    dashboard::a_person_manages_secrets_in_the_browser_on_sqlite \
    dashboard_access::an_admin_compares_environments_and_manages_tokens_and_reads_the_audit_log \
    dashboard_access::keep_dashboard_serves_the_local_store_after_a_one_time_code
ls -l docs/dashboard/*.png
