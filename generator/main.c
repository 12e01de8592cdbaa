/*
 * main.c: maps argv to a struct config and runs one command. Everything else
 * lives in build.c and the stages it calls.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "build.h"

#ifndef KEIKAKU_VERSION
#define KEIKAKU_VERSION "0.1.0"
#endif

static const char usage_text[] =
"usage: keikaku build [DIR] [-o OUT] [--theme DIR] [--werror] [--quiet] [--timings]\n"
"       keikaku check [DIR] [--theme DIR] [--werror]\n"
"       keikaku dump [DIR]\n"
"       keikaku --help | --version\n"
"\n"
"  build   check DIR (default: content) and write the HTML site to OUT/site/\n"
"          and the PDF volumes to OUT/pdf/ (default OUT: out)\n"
"  check   check DIR (and the theme) and report problems; write nothing\n"
"  dump    print what keikaku understood of DIR, as text\n"
"\n"
"  -o OUT        output folder, replaced as a whole only when the build succeeds\n"
"  --theme DIR   theme folder (default: themes/default)\n"
"  --werror      treat warnings as errors\n"
"  -q, --quiet   print diagnostics only\n"
"  --timings     print the time each stage took (model, pdf, html, write)\n"
"\n"
"Exit status: 0 ok (warnings allowed), 1 errors in the content,\n"
"2 usage error, 3 system error. See keikaku(1) and docs/format.md.\n";

/*
 * The default theme: themes/default in the current folder (a checkout), else
 * KEIKAKU_THEME_DIR when the build names one (an installed keikaku), else
 * ../themes/default beside the executable (build/keikaku run from elsewhere),
 * else ../../themes/default (build/asan/keikaku, the sanitizer build).
 * Writes into buf, which must hold PATH_MAX bytes.
 */
static const char *
default_theme(char *buf)
{
	static const char *const up[] = {
		"/../themes/default", "/../../themes/default"
	};
	struct stat st;
	char *slash;
	ssize_t n;
	size_t i;

	if (stat("themes/default", &st) == 0 && S_ISDIR(st.st_mode))
		return "themes/default";
#ifdef KEIKAKU_THEME_DIR
	if (stat(KEIKAKU_THEME_DIR, &st) == 0 && S_ISDIR(st.st_mode))
		return KEIKAKU_THEME_DIR;
#endif
	n = readlink("/proc/self/exe", buf, PATH_MAX - 32);
	if (n > 0) {
		buf[n] = '\0';
		if ((slash = strrchr(buf, '/')) != NULL)
			for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
				strcpy(slash, up[i]);
				if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
					return buf;
			}
	}
	/* Not found anywhere: the build reports it with this path. */
	return "themes/default";
}

static int
usage(const char *msg, const char *arg)
{
	if (msg != NULL)
		fprintf(stderr, "keikaku: %s%s%s\n", msg, arg ? ": " : "",
		    arg ? arg : "");
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

int
main(int argc, char *argv[])
{
	struct config cfg = { "content", "out", NULL, 0, 0, 0 };
	static char theme_buf[PATH_MAX];
	const char *cmd = NULL;
	int i, have_root = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("keikaku %s\n", KEIKAKU_VERSION);
			return EXIT_OK;
		} else if (strcmp(a, "--werror") == 0) {
			cfg.werror = 1;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			cfg.quiet = 1;
		} else if (strcmp(a, "--timings") == 0) {
			cfg.timings = 1;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--theme") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0')
				return usage("missing folder after", a);
			if (a[1] == 'o')
				cfg.out = argv[++i];
			else
				cfg.theme = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage("unknown option", a);
		} else if (cmd == NULL) {
			cmd = a;
		} else if (!have_root) {
			if (a[0] == '\0')
				return usage("empty folder name", NULL);
			cfg.root = a;
			have_root = 1;
		} else {
			return usage("too many arguments", a);
		}
	}
	if (cmd == NULL)
		return usage("no command given", NULL);
	if (cfg.theme == NULL)
		cfg.theme = default_theme(theme_buf);
	if (strcmp(cmd, "build") == 0)
		return cmd_build(&cfg);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(&cfg);
	if (strcmp(cmd, "dump") == 0)
		return cmd_dump(&cfg);
	return usage("unknown command", cmd);
}
