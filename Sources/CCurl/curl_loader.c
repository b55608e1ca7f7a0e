// libcurl, loaded when gcpctl first talks HTTP instead of when the process starts.
//
// Debian's libcurl brings about 25 libraries with it (GnuTLS, Kerberos, LDAP, libssh2,
// nghttp2…). Loading and relocating them at start-up cost `gcpctl --help` about 4 MiB of
// memory and 8 to 20 ms, for a command that never sends a request. So gcpctl does not link
// libcurl: each libcurl function it calls is defined here, hidden (never exported, so
// libcurl's own calls cannot land here), and forwards to the real one, found with dlsym
// in libcurl.so.4 opened on the first call. Swift and shim.c call the usual names.
//
// A libcurl function not listed below fails the link ("undefined reference to curl_…"):
// add a forwarder for it here.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__APPLE__)
static const char *const libcurl_names[] = {"libcurl.4.dylib", "libcurl.dylib"};
#else
static const char *const libcurl_names[] = {"libcurl.so.4", "libcurl.so"};
#endif

struct libcurl_functions {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
};

static struct libcurl_functions libcurl;
static pthread_once_t libcurl_once = PTHREAD_ONCE_INIT;

/// Without libcurl gcpctl can do nothing over the network: say what to install and stop,
/// with gcpctl's "prerequisites" status.
static void fail(const char *what) {
    fprintf(stderr, "gcpctl needs libcurl (%s): %s. Install it, e.g. apt-get install libcurl4 on Debian or Ubuntu.\n",
            libcurl_names[0], what);
    exit(1);
}

static void *resolve(void *library, const char *name) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL) fail(dlerror());
    return symbol;
}

static void load_libcurl(void) {
    void *library = NULL;
    for (size_t index = 0; library == NULL && index < sizeof libcurl_names / sizeof *libcurl_names; index++) {
        library = dlopen(libcurl_names[index], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) fail(dlerror());
    *(void **)&libcurl.global_init = resolve(library, "curl_global_init");
    *(void **)&libcurl.easy_init = resolve(library, "curl_easy_init");
    *(void **)&libcurl.easy_cleanup = resolve(library, "curl_easy_cleanup");
    *(void **)&libcurl.easy_strerror = resolve(library, "curl_easy_strerror");
    *(void **)&libcurl.easy_setopt = resolve(library, "curl_easy_setopt");
    *(void **)&libcurl.easy_getinfo = resolve(library, "curl_easy_getinfo");
    *(void **)&libcurl.multi_init = resolve(library, "curl_multi_init");
    *(void **)&libcurl.multi_setopt = resolve(library, "curl_multi_setopt");
    *(void **)&libcurl.multi_add_handle = resolve(library, "curl_multi_add_handle");
    *(void **)&libcurl.multi_remove_handle = resolve(library, "curl_multi_remove_handle");
    *(void **)&libcurl.multi_perform = resolve(library, "curl_multi_perform");
    *(void **)&libcurl.multi_poll = resolve(library, "curl_multi_poll");
    *(void **)&libcurl.multi_wakeup = resolve(library, "curl_multi_wakeup");
    *(void **)&libcurl.multi_info_read = resolve(library, "curl_multi_info_read");
    *(void **)&libcurl.slist_append = resolve(library, "curl_slist_append");
    *(void **)&libcurl.slist_free_all = resolve(library, "curl_slist_free_all");
}

/// The real functions, loaded by the first caller (once, whichever thread it is on).
static const struct libcurl_functions *loaded(void) {
    pthread_once(&libcurl_once, load_libcurl);
    return &libcurl;
}

#define LIBCURL (*loaded())
#define FORWARDER __attribute__((visibility("hidden")))

FORWARDER CURLcode curl_global_init(long flags) { return LIBCURL.global_init(flags); }
FORWARDER CURL *curl_easy_init(void) { return LIBCURL.easy_init(); }
FORWARDER void curl_easy_cleanup(CURL *handle) { LIBCURL.easy_cleanup(handle); }
FORWARDER const char *curl_easy_strerror(CURLcode code) { return LIBCURL.easy_strerror(code); }

/// The one argument after `option` has the type libcurl reads for it, by the option's
/// range (curl.h's CURLOPTTYPE_*): a long, a pointer, a function pointer or a curl_off_t.
#define FORWARD_OPTION(call, object, option)                                                          \
    do {                                                                                              \
        va_list arguments;                                                                            \
        va_start(arguments, option);                                                                  \
        if ((option) < CURLOPTTYPE_OBJECTPOINT) {                                                     \
            long value = va_arg(arguments, long);                                                     \
            va_end(arguments);                                                                        \
            return call(object, option, value);                                                       \
        } else if ((option) < CURLOPTTYPE_FUNCTIONPOINT || (option) >= CURLOPTTYPE_BLOB) {            \
            void *value = va_arg(arguments, void *);                                                  \
            va_end(arguments);                                                                        \
            return call(object, option, value);                                                       \
        } else if ((option) < CURLOPTTYPE_OFF_T) {                                                    \
            void (*value)(void) = va_arg(arguments, void (*)(void));                                  \
            va_end(arguments);                                                                        \
            return call(object, option, value);                                                       \
        } else {                                                                                      \
            curl_off_t value = va_arg(arguments, curl_off_t);                                         \
            va_end(arguments);                                                                        \
            return call(object, option, value);                                                       \
        }                                                                                             \
    } while (0)

FORWARDER CURLcode curl_easy_setopt(CURL *handle, CURLoption option, ...) {
    FORWARD_OPTION(LIBCURL.easy_setopt, handle, option);
}

FORWARDER CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...) {
    FORWARD_OPTION(LIBCURL.multi_setopt, multi, option);
}

/// Every CURLINFO is read through a pointer.
FORWARDER CURLcode curl_easy_getinfo(CURL *handle, CURLINFO info, ...) {
    va_list arguments;
    va_start(arguments, info);
    void *value = va_arg(arguments, void *);
    va_end(arguments);
    return LIBCURL.easy_getinfo(handle, info, value);
}

FORWARDER CURLM *curl_multi_init(void) { return LIBCURL.multi_init(); }
FORWARDER CURLMcode curl_multi_add_handle(CURLM *multi, CURL *handle) { return LIBCURL.multi_add_handle(multi, handle); }
FORWARDER CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *handle) { return LIBCURL.multi_remove_handle(multi, handle); }
FORWARDER CURLMcode curl_multi_perform(CURLM *multi, int *running) { return LIBCURL.multi_perform(multi, running); }
FORWARDER CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int timeout, int *ready) {
    return LIBCURL.multi_poll(multi, extra, count, timeout, ready);
}
FORWARDER CURLMcode curl_multi_wakeup(CURLM *multi) { return LIBCURL.multi_wakeup(multi); }
FORWARDER CURLMsg *curl_multi_info_read(CURLM *multi, int *left) { return LIBCURL.multi_info_read(multi, left); }
FORWARDER struct curl_slist *curl_slist_append(struct curl_slist *list, const char *text) {
    return LIBCURL.slist_append(list, text);
}
FORWARDER void curl_slist_free_all(struct curl_slist *list) { LIBCURL.slist_free_all(list); }
