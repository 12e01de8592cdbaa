# tests/golden/html/lib.sh: shared by tests/suites/50-html.sh and
# tests/golden/html/regen. Needs TOP and KEIKAKU.

GOLDEN="$TOP/tests/golden/html"

# tree_dir NAME: the content tree of a golden tree name.
tree_dir() {
	case $1 in
	content) echo "$TOP/content" ;;
	tree) echo "$GOLDEN/tree" ;;
	*) echo "$TOP/tests/trees/$1" ;;
	esac
}

# golden_trees: the tree names the pages list uses, once each.
golden_trees() {
	grep -v '^#' "$GOLDEN/pages" | awk 'NF { print $1 }' | sort -u
}

# golden_pages: "TREE PAGE" lines.
golden_pages() {
	grep -v '^#' "$GOLDEN/pages" | awk 'NF { print $1, $2 }'
}

# golden_normalise FILE: the page as compared with its golden. The PDF
# volumes' sizes (「（PDF：1.2MB）」) belong to the PDF back end's output, not
# to the HTML: they are replaced by a placeholder, so that a change in the
# PDF layout does not break the HTML goldens.
golden_normalise() {
	sed 's/（PDF：[0-9.]*[KM]B）/（PDF：SIZE）/g' "$1"
}
