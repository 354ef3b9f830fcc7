#!/bin/sh
# Renders the deadline board pictures (docs/board/*.png) from the shipped
# sample incident and customer sheet, using "breachnotice deadlines":
# board.png is the one-page PDF for the incident room, board-xlsx.png the
# first printed page of the workbook's "By due time" sheet.
# Needs pdftoppm (poppler-utils) and LibreOffice. Run from anywhere:
# docs/board/render.sh
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/breachnotice" ./cmd/breachnotice
rm -f docs/board/*.png

sample="--incident testdata/incident.toml --customers testdata/customers.xlsx --now 2026-11-22T10:00:00+01:00 --tz Europe/Rome"
# shellcheck disable=SC2086 # $sample is split into its flags on purpose
"$tmp/breachnotice" deadlines $sample --format pdf --out "$tmp/board.pdf" >/dev/null
mkdir "$tmp/xlsx"
# shellcheck disable=SC2086
"$tmp/breachnotice" deadlines $sample --format xlsx --out "$tmp/xlsx/board.xlsx" >/dev/null

pdftoppm -r 80 -png -singlefile "$tmp/board.pdf" docs/board/board
# LibreOffice prints the workbook (A4 landscape, fit to one page wide: the
# print area ends at the policy target); its own profile keeps it off the
# user's. (It warns about Java on stderr.)
libreoffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf --outdir "$tmp/xlsx" "$tmp/xlsx/board.xlsx" >/dev/null 2>&1
pdftoppm -r 100 -png -singlefile -f 1 -l 1 "$tmp/xlsx/board.pdf" docs/board/board-xlsx
ls docs/board/*.png
