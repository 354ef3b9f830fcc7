#!/bin/sh
# Renders the sample letters shown in the README (docs/letters/*.png) from
# the shipped incident with invented readers, using "breachnotice preview".
# Needs pdftoppm (poppler-utils). Run from anywhere: docs/letters/render.sh
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/breachnotice" ./cmd/breachnotice
rm -f docs/letters/*.png

# render NAME PROFILE LANG CATEGORIES
render() {
	"$tmp/breachnotice" preview --incident testdata/incident.toml --out "$tmp/$1" \
		--profiles "$2" --languages "$3" --categories "$4" \
		--now 2026-11-22T10:00:00+01:00 >/dev/null
	pdftoppm -r 60 -png "$tmp/$1/$2-$3.pdf" "docs/letters/$1"
}

card=name,email,password,payment_card
render en-card EU en "$card"
render en-id US-CA en name,email,ssn
render it-card EU it "$card"
render it-id EU it name,email,national_id
render fr-card EU fr "$card"
render fr-id EU fr name,email,national_id
render zh-card CN zh "$card"
render zh-id CN zh name,email,national_id
render ru-card RU ru "$card"
render ru-id RU ru name,email,passport
ls docs/letters/*.png
