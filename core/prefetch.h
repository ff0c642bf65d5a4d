/* Asking for a cache line ahead of writing to it (internal). */
#ifndef OPENK4A_CORE_PREFETCH_H_
#define OPENK4A_CORE_PREFETCH_H_

#if defined(__x86_64__)
#define OK4A_PREFETCH_FOR_WRITE(address) __asm__ volatile("prefetchw %0" : : "m"(*(const char *)(address)))
#else
#define OK4A_PREFETCH_FOR_WRITE(address) __builtin_prefetch((address), 1)
#endif

/* Asks for the cache line at `address` in the owned state, ahead of writing to
 * it: the miss overlaps what comes before the write, and a line that is read
 * and then written (a check, then an atomic) crosses cores once, not twice. On
 * x86-64 prefetchw (CPUs without it run a no-op; it never faults, whatever the
 * address) in volatile asm: GCC drops a function made of __builtin_prefetch
 * calls as having no effect. */
static inline void ok4a_prefetch_for_write(const void *address)
{
    OK4A_PREFETCH_FOR_WRITE(address);
}

#endif /* OPENK4A_CORE_PREFETCH_H_ */
