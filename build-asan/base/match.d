build-asan/base/match.o: base/match.c base/match.h base/base.h
base/match.h:
base/base.h:
