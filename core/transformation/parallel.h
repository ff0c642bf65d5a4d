/* A fork-join pool: ok4a_parallel_run() calls fn(context, task) for task = 0..tasks-1 on the
 * pool's threads and the caller's, and returns when every task has finished. The threads are
 * created once (ok4a_parallel_create) and live until ok4a_parallel_destroy, so a run allocates
 * nothing. One run at a time per pool (the caller's thread drives it). */
#ifndef OPENK4A_CORE_TRANSFORMATION_PARALLEL_H_
#define OPENK4A_CORE_TRANSFORMATION_PARALLEL_H_

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct ok4a_parallel ok4a_parallel_t;
    typedef void ok4a_parallel_fn(void *context, int task);

    /* threads: total threads working on a run, the caller included (1 = the caller alone);
     * 0 = one per online CPU, at most 8. NULL when out of memory or threads. */
    ok4a_parallel_t *ok4a_parallel_create(int threads);
    void ok4a_parallel_destroy(ok4a_parallel_t *pool); /* NULL is ignored */
    int ok4a_parallel_threads(const ok4a_parallel_t *pool);
    void ok4a_parallel_run(ok4a_parallel_t *pool, int tasks, ok4a_parallel_fn *fn, void *context);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_TRANSFORMATION_PARALLEL_H_ */
