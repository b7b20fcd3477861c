#!/usr/bin/env bash
# Lighthouse scores of DropIt's pages: performance and accessibility, mobile and desktop.
#
#   bench/lighthouse.sh                          # the anonymous pages, the coach's and the
#                                                # club admin pages as the owner
#   ROLES="anonymous coach athlete owner" bench/lighthouse.sh
#   ROUTES='^/catalogue' bench/lighthouse.sh     # only the routes matching a regular expression
#   OUT=lighthouse-reports bench/lighthouse.sh   # and keep every JSON report
#
# Run after the release build (`build_site` in scripts/tools.sh): starts the release server
# with the demo club on a throw-away SQLite database (scripts/demo-server.sh), takes the pages
# from end2end/page-weight.mjs (every route, with real ids), logs each role in, and runs
# Lighthouse from npm against Debian's Chromium, headless, once per page and form factor
# (mobile: Lighthouse's default emulated phone and simulated slow network; desktop: its desktop
# preset). Nothing is downloaded but the npm package. Scores vary from run to run by a few
# points; a benchmark is run by a person, it is never part of the test suite (the page-weight
# budget is: scripts/page-weight.sh --check).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
. scripts/demo-server.sh
ensure_test_tools
# 12.8 is the last Lighthouse that runs on Debian's Node 20 (13 needs Node 22).
LIGHTHOUSE_VERSION=12.8.2
ROLES=${ROLES:-anonymous coach owner}
ROUTES=${ROUTES:-.}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

start_demo_server
reports=${OUT:-$DEMO_WORK/reports}
mkdir -p "$reports"
say "finding the pages (end2end/page-weight.mjs --list)"
node end2end/page-weight.mjs --base "$DEMO_URL" --list >"$DEMO_WORK/pages.json"

declare -A cookie
for role in $ROLES; do
  [ "$role" = anonymous ] && continue
  session=$(curl -sf -c - -o /dev/null --data-urlencode "email=$role@demo.dropit.club" \
    --data-urlencode "password=dropit-demo" "$DEMO_URL/api/log_in" | awk '$6 == "dropit_session" { print $7 }')
  [ -n "$session" ] || { echo "could not log the demo $role in" >&2; exit 1; }
  cookie[$role]="dropit_session=$session"
done

scores() { # report.json → "| performance | accessibility" (out of 100), and with `metrics`
  # the mobile load's largest contentful paint and total blocking time
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const score = (id) => { const c = r.categories[id]; return c && c.score !== null ? Math.round(c.score * 100) : "—"; };
    const metric = (id, unit, scale) => { const a = r.audits[id]; return a && a.numericValue !== undefined ? (a.numericValue / scale).toFixed(unit === "s" ? 1 : 0) : "—"; };
    let row = `| ${score("performance")} | ${score("accessibility")}`;
    if (process.argv[2] === "metrics") row += ` | ${metric("largest-contentful-paint", "s", 1000)} | ${metric("total-blocking-time", "ms", 1)}`;
    console.log(row)' "$@"
}

table="| page | role | mobile performance | mobile accessibility | mobile LCP s | mobile TBT ms | desktop performance | desktop accessibility |
|---|---|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r route role path; do
  [[ " $ROLES " == *" $role "* ]] || continue
  [[ "$route" =~ $ROUTES ]] || continue
  headers="$DEMO_WORK/headers.json"
  if [ "$role" = anonymous ]; then echo '{}' >"$headers"; else printf '{"Cookie": "%s"}' "${cookie[$role]}" >"$headers"; fi
  name=$(printf '%s-%s' "$role" "$path" | tr -c 'A-Za-z0-9-' '_')
  row="| \`$route\` | $role"
  # A page the role may not open answers 403 with its refusal: Lighthouse scores no error page.
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${cookie[$role]:-}" "$DEMO_URL$path")
  if [ "$status" != 200 ]; then
    table="$table
$row | answers $status | | | | | |"
    continue
  fi
  for form in mobile desktop; do
    say "lighthouse $form: $path as $role"
    report="$reports/$name-$form.json"
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$DEMO_URL$path" "${preset[@]}" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic" \
      --only-categories=performance,accessibility --extra-headers="$headers" \
      --output=json --output-path="$report" || {
      if [ "$form" = mobile ]; then row="$row | failed | failed | — | —"; else row="$row | failed | failed"; fi
      continue
    }
    if [ "$form" = mobile ]; then row="$row $(scores "$report" metrics)"; else row="$row $(scores "$report")"; fi
  done
  table="$table
$row |"
done < <(node -e 'for (const p of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))) console.log([p.route, p.role, p.path].join("\t"))' "$DEMO_WORK/pages.json")

echo
echo "$table"
echo
echo "Lighthouse $LIGHTHOUSE_VERSION, $("$CHROME_PATH" --version 2>/dev/null), $(nproc) cores, loopback; scores out of 100;"
echo "LCP: largest contentful paint, TBT: total blocking time, both of the mobile load as Lighthouse simulates it."
[ -z "${OUT:-}" ] || echo "reports in $OUT/"
