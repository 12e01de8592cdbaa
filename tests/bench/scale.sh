#!/bin/sh
# scale.sh SRC DEST N: writes a content tree N times the size of SRC: every
# project file and every plain chapter N times, each copy with its own key
# (key-kK) and file name, so ids, lists and registers grow with it; chapters
# holding generated lists or placed by name in a volume are copied once.
# Pinned numbers are dropped from copies (file order numbers them).
# plan.yaml, departments, glossary, register and figures are shared.
set -eu
src=$1 dest=$2 n=$3

# copy_keyed K IN OUT: IN with its front-matter key suffixed -kK and any
# pinned number dropped.
copy_keyed() {
	awk -v k="$1" '
	NR == 1 && /^---[ \t\r]*$/ { fm = 1; print; next }
	fm && /^---[ \t\r]*$/ { fm = 0; print; next }
	fm && /^key:/ { sub(/[ \t\r]*$/, ""); print $0 "-k" k; next }
	fm && /^number:/ { next }
	{ print }' "$2" >"$3"
}
rm -rf "$dest"
mkdir -p "$dest"
cp "$src"/*.yaml "$dest"/
for d in figures registers; do
	[ -d "$src/$d" ] && cp -R "$src/$d" "$dest/$d"
done
mkdir -p "$dest/chapters"
k=1
while [ "$k" -le "$n" ]; do
	for f in "$src"/chapters/*.md; do
		b=$(basename "$f")
		if [ "$k" -eq 1 ]; then
			cp "$f" "$dest/chapters/$b"
		elif sed -n '2,/^---/p' "$f" | grep -q '^volume:'; then
			# A chapter placed by name in a volume's contents is
			# copied once: its copies would be in no volume.
			continue
		elif grep -q '^{{[a-z_]*' "$f"; then
			# A chapter holding a generated list ({{projects}},
			# {{register}} …) lists every project: N copies of it
			# would make the output grow with N squared and measure
			# the bench input, not the generator.
			continue
		else
			copy_keyed "$k" "$f" "$dest/chapters/${b%.md}-k$k.md"
		fi
	done
	(cd "$src/projects" && find . -name '*.md') | while read -r p; do
		# Focus-area files are declared in plan.yaml: copied once.
		if grep -q '^type: *focus_area' "$src/projects/$p"; then
			[ "$k" -eq 1 ] || continue
		fi
		mkdir -p "$dest/projects/$(dirname "$p")"
		if [ "$k" -eq 1 ]; then
			cp "$src/projects/$p" "$dest/projects/$p"
		else
			copy_keyed "$k" "$src/projects/$p" "$dest/projects/${p%.md}-k$k.md"
		fi
	done
	k=$((k + 1))
done
