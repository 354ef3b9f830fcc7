#!/bin/sh
# Renders page 1 of one review letter per language and profile
# (docs/review/*.png) from testdata/review: an incident the letters were
# not written for (an Italian travel company), readers in 14 countries.
# Needs pdftoppm (poppler-utils). Run from anywhere: docs/review/render.sh
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/breachnotice" ./cmd/breachnotice
"$tmp/breachnotice" letters --incident testdata/review/incident.toml \
	--customers testdata/review/customers.csv --out "$tmp/out" \
	--now 2026-11-20T10:00:00+01:00 >/dev/null || true
rm -f docs/review/*.png
# page ROW NAME: page 1 of the letter of the sheet's ROW as docs/review/NAME.png
page() {
	pdf=$(ls "$tmp"/out/pdf/row$(printf %06d "$1")-*.pdf)
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "docs/review/$2"
}
page 2 it-IT
page 4 fr-FR
page 5 fr-CA-QC
page 6 en-GB
page 7 en-US-CA
page 8 en-US-MA
page 9 en-US-NY
page 10 en-US-TX
page 12 zh-CN
page 18 zh-US-CA
page 13 ru-RU
page 19 ru-US-NY
