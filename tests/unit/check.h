/*
 * check.h: the unit-test harness. Each check prints one TAP-style line,
 * "ok N - what" or "not ok N - what" with the values that differed; the
 * runner (tests/run) counts them. check_done() returns the exit status.
 */
#ifndef KEIKAKU_CHECK_H
#define KEIKAKU_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_n, check_failed;

#define CHECK(cond, ...) do {						\
	check_n++;							\
	if (cond) {							\
		printf("ok %d - ", check_n);				\
	} else {							\
		check_failed++;						\
		printf("not ok %d - %s:%d: ", check_n, __FILE__, __LINE__);\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

#define CHECK_STR(got, want, ...) do {					\
	const char *check_g_ = (got), *check_w_ = (want);		\
	int check_ok_ = check_g_ != NULL && check_w_ != NULL ?		\
	    strcmp(check_g_, check_w_) == 0 : check_g_ == check_w_;	\
	CHECK(check_ok_, __VA_ARGS__);					\
	if (!check_ok_)							\
		printf("#   got:  %s\n#   want: %s\n",			\
		    check_g_ ? check_g_ : "(null)",			\
		    check_w_ ? check_w_ : "(null)");			\
} while (0)

#define CHECK_INT(got, want, ...) do {					\
	long long check_g_ = (got), check_w_ = (want);			\
	CHECK(check_g_ == check_w_, __VA_ARGS__);			\
	if (check_g_ != check_w_)					\
		printf("#   got:  %lld\n#   want: %lld\n",		\
		    check_g_, check_w_);				\
} while (0)

static int
check_done(void)
{
	printf("1..%d\n", check_n);
	return check_failed ? 1 : 0;
}

#endif
