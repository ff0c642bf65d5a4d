/* Per-thread caches (internal): the one mechanism behind the slab's object
 * caches (core/slab.c) and the image buffer magazines (core/image_buffers.c).
 *
 * A client describes its cache with a static registry:
 *
 *   static ok4a_thread_cache_registry_t g_registry =
 *       OK4A_THREAD_CACHE_REGISTRY_INITIALIZER("magazines", sizeof(my_cache_t), flush_my_cache, NULL, NULL);
 *   __thread my_cache_t *my_cache;   // the client's own TLS pointer, so its fast path inlines
 *   ...
 *   my_cache_t *cache = my_cache != NULL ? my_cache : ok4a_thread_cache_make(&g_registry, (void **)&my_cache);
 *
 * The cache object starts with an ok4a_thread_cache_link_t and is zeroed when
 * made. Every live cache of a registry is listed, so statistics can read other
 * threads' caches (ok4a_thread_cache_visit). When a thread exits, each of its
 * caches is handed to the registry's flush (on that thread, while its TLS
 * pointer still points at it: whatever it holds goes back to shared storage),
 * then unlisted, the TLS pointer cleared, the memory freed.
 *
 * Locks: a client's own locks are taken BEFORE its registry's (visit is called
 * with them held; flush runs with no registry lock). fork() takes each
 * client's locks (lock_for_fork), then its registry's, and releases them in
 * reverse in parent and child, so the child finds none held. */
#ifndef OPENK4A_CORE_THREAD_CACHE_H_
#define OPENK4A_CORE_THREAD_CACHE_H_

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C"
{
#endif

    struct ok4a_thread_cache_registry;

    /* The first member of every cache object. Owned by thread_cache.c. */
    typedef struct ok4a_thread_cache_link
    {
        struct ok4a_thread_cache_registry *registry;
        void **tls;                                 /* the owning thread's pointer to this cache */
        struct ok4a_thread_cache_link *prev, *next; /* the registry's list, under its lock */
        struct ok4a_thread_cache_link *thread_next; /* the owning thread's other caches */
    } ok4a_thread_cache_link_t;

    typedef struct ok4a_thread_cache_registry
    {
        const char *name;                /* for log messages */
        size_t cache_size;               /* bytes of a cache object, link included */
        void (*flush)(void *cache);      /* at thread exit: hand back what the cache holds; may be NULL */
        void (*lock_for_fork)(void);     /* the client's own locks; may be NULL */
        void (*unlock_after_fork)(void); /* may be NULL */
        pthread_mutex_t lock;
        ok4a_thread_cache_link_t *caches; /* under lock */
        bool listed;                      /* in thread_cache.c's list of registries (for fork) */
        struct ok4a_thread_cache_registry *next_registry;
    } ok4a_thread_cache_registry_t;

#define OK4A_THREAD_CACHE_REGISTRY_INITIALIZER(name_, size_, flush_, lock_for_fork_, unlock_after_fork_)               \
    {                                                                                                                  \
        (name_), (size_), (flush_), (lock_for_fork_), (unlock_after_fork_), PTHREAD_MUTEX_INITIALIZER, NULL, false,    \
            NULL                                                                                                       \
    }

    /* Makes the calling thread's cache of this registry, stores it in *tls and
     * returns it; NULL (logged once) when memory runs out or the exit hook cannot
     * be set: the client then works without a cache. Call only while *tls is NULL. */
    void *ok4a_thread_cache_make(ok4a_thread_cache_registry_t *registry, void **tls);

    /* Calls visit(cache, arg) for every live cache of the registry, under its
     * lock (the caller may hold its own locks, never the registry's). */
    void ok4a_thread_cache_visit(ok4a_thread_cache_registry_t *registry, void (*visit)(void *cache, void *arg),
                                 void *arg);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_THREAD_CACHE_H_ */
