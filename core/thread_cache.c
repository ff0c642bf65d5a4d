#include "core/thread_cache.h"

#include <stdlib.h>

#include "core/log.h"

/* One exit hook for every registry: its value is the thread's list of caches. */
static pthread_key_t g_exit_key;
static bool g_exit_key_made;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static __thread ok4a_thread_cache_link_t *t_caches;

/* Every registry that has made a cache, for fork(). */
static pthread_mutex_t g_registries_lock = PTHREAD_MUTEX_INITIALIZER;
static ok4a_thread_cache_registry_t *g_registries;

static void unlist(ok4a_thread_cache_link_t *link)
{
    ok4a_thread_cache_registry_t *registry = link->registry;
    pthread_mutex_lock(&registry->lock);
    if (link->prev != NULL)
    {
        link->prev->next = link->next;
    }
    else
    {
        registry->caches = link->next;
    }
    if (link->next != NULL)
    {
        link->next->prev = link->prev;
    }
    pthread_mutex_unlock(&registry->lock);
}

static void thread_exit(void *arg)
{
    /* Caches made from here on (another exit hook using images) start a new
     * list; the key's destructor runs again for them. */
    t_caches = NULL;
    for (ok4a_thread_cache_link_t *link = arg, *next; link != NULL; link = next)
    {
        next = link->thread_next;
        if (link->registry->flush != NULL)
        {
            link->registry->flush(link);
        }
        unlist(link);
        *link->tls = NULL;
        free(link);
    }
}

/* fork(): in the order of the header (client's locks, then registry), the
 * list of registries first; released in reverse. */
static void lock_all_for_fork(void)
{
    pthread_mutex_lock(&g_registries_lock);
    for (ok4a_thread_cache_registry_t *r = g_registries; r != NULL; r = r->next_registry)
    {
        if (r->lock_for_fork != NULL)
        {
            r->lock_for_fork();
        }
        pthread_mutex_lock(&r->lock);
    }
}

static void unlock_all_after_fork(void)
{
    for (ok4a_thread_cache_registry_t *r = g_registries; r != NULL; r = r->next_registry)
    {
        pthread_mutex_unlock(&r->lock);
        if (r->unlock_after_fork != NULL)
        {
            r->unlock_after_fork();
        }
    }
    pthread_mutex_unlock(&g_registries_lock);
}

static void make_exit_key(void)
{
    g_exit_key_made = pthread_key_create(&g_exit_key, thread_exit) == 0;
    if (!g_exit_key_made)
    {
        OK4A_LOG_CRITICAL("thread caches: pthread_key_create failed; per-thread caches are off");
    }
    pthread_atfork(lock_all_for_fork, unlock_all_after_fork, unlock_all_after_fork);
}

void *ok4a_thread_cache_make(ok4a_thread_cache_registry_t *registry, void **tls)
{
    pthread_once(&g_once, make_exit_key);
    if (!g_exit_key_made)
    {
        return NULL;
    }
    ok4a_thread_cache_link_t *link = calloc(1, registry->cache_size);
    if (link == NULL)
    {
        return NULL;
    }
    link->registry = registry;
    link->tls = tls;
    link->thread_next = t_caches;
    if (pthread_setspecific(g_exit_key, link) != 0)
    {
        free(link); /* without the exit hook what it caches would be lost */
        return NULL;
    }
    t_caches = link;
    pthread_mutex_lock(&g_registries_lock);
    if (!registry->listed)
    {
        registry->listed = true;
        registry->next_registry = g_registries;
        g_registries = registry;
    }
    pthread_mutex_unlock(&g_registries_lock);
    pthread_mutex_lock(&registry->lock);
    link->next = registry->caches;
    if (registry->caches != NULL)
    {
        registry->caches->prev = link;
    }
    registry->caches = link;
    pthread_mutex_unlock(&registry->lock);
    *tls = link;
    return link;
}

void ok4a_thread_cache_visit(ok4a_thread_cache_registry_t *registry, void (*visit)(void *cache, void *arg), void *arg)
{
    pthread_mutex_lock(&registry->lock);
    for (ok4a_thread_cache_link_t *link = registry->caches; link != NULL; link = link->next)
    {
        visit(link, arg);
    }
    pthread_mutex_unlock(&registry->lock);
}
