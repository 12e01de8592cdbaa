/*
 * zlevel.c: the compression level of the PDF streams.
 *
 * libharu 2.3.0 deflates every stream (page contents, the embedded font
 * subsets, the CIDToGIDMaps) with deflateInit(&strm, Z_DEFAULT_COMPRESSION)
 * and has no setting for the level. On the sample plan that is 40 % of
 * the instructions of a build; level 1 deflates these streams three times
 * faster for 5 % more bytes (measured on the 事業集: 1,143 KB at level 6,
 * 1,197 KB at level 1, 84 ms against 27 ms).
 *
 * So keikaku defines deflateInit_ itself (deflateInit is a macro for it):
 * the executable's definition comes first in the dynamic linker's search,
 * so libharu's call lands here, and this passes it on to zlib's
 * deflateInit2_ with PDF_DEFLATE_LEVEL when the caller asked for the
 * default level, with zlib's own defaults for the rest (what deflateInit
 * does). A caller that names a level gets that level: keikaku's own
 * deflating (pdf_deflate() in pack.c: the object streams, and the page
 * contents dev_hpdf.c deflates as each page ends) names PDF_DEFLATE_LEVEL
 * or PACK_LEVEL itself.
 *
 * If zlib's deflateInit2_ cannot be found, Z_VERSION_ERROR is returned,
 * which libharu reports as a failure to compress: never a silent change.
 */
#define _GNU_SOURCE	/* RTLD_NEXT */
#include <dlfcn.h>
#include <stddef.h>

#include <zlib.h>

#include "pdf/pack.h"	/* PDF_DEFLATE_LEVEL */

typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *,
    int);

int
deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	/* the function pointer is looked up once; a data pointer cast as POSIX allows for dlsym */
	static init2_fn init2;
	void *p;

	if (init2 == NULL) {
		p = dlsym(RTLD_NEXT, "deflateInit2_");
		if (p == NULL)
			return Z_VERSION_ERROR;
		*(void **)&init2 = p;
	}
	if (level == Z_DEFAULT_COMPRESSION)
		level = PDF_DEFLATE_LEVEL;
	return init2(strm, level, Z_DEFLATED, MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY, version, stream_size);
}
