/* POSIX: pthread rwlocks, clock_gettime, CLOCK_MONOTONIC condition variables. */
#define _POSIX_C_SOURCE 200809L

#include "core/device/capture_sync.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/wait.h"

/* Partial captures waiting for a partner, per side. Streams deliver in
 * timestamp order, so a few slots cover any real skew; a stage that delays
 * one stream (colour decode) asks for more. */
#define OK4A_SYNC_DEFAULT_SLOTS 4

typedef struct
{
    bool used;
    uint64_t ts;
    float temperature_c; /* NAN until a depth or IR image brings one */
    k4a_image_t images[OPENK4A_STREAM_COUNT];
} pending_t;

struct ok4a_capture_sync
{
    ok4a_capture_sync_config_t config;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    pending_t depth_side[OK4A_SYNC_MAX_PENDING]; /* depth + IR of one exposure */
    pending_t color_side[OK4A_SYNC_MAX_PENDING]; /* colour images */
    int slots;                                   /* of each side in use: config.pending_slots */
    k4a_capture_t *queue;
    bool *queue_partial;
    uint32_t head;
    uint32_t count;
    bool closed;
    bool emitted;            /* last_emitted_ts is valid */
    int64_t last_emitted_ts; /* on the depth clock: captures leave in this order */
    ok4a_capture_sync_stats_t stats;
};

static bool has_depth_side(const ok4a_capture_sync_t *s)
{
    return s->config.enabled[OPENK4A_STREAM_DEPTH] || s->config.enabled[OPENK4A_STREAM_IR];
}

static bool depth_complete(const ok4a_capture_sync_t *s, const pending_t *p)
{
    return (!s->config.enabled[OPENK4A_STREAM_DEPTH] || p->images[OPENK4A_STREAM_DEPTH] != NULL) &&
           (!s->config.enabled[OPENK4A_STREAM_IR] || p->images[OPENK4A_STREAM_IR] != NULL);
}

static void release_pending(pending_t *p)
{
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        k4a_image_release(p->images[i]); /* NULL is ignored */
        p->images[i] = NULL;
    }
    p->used = false;
}

/* Counts the images of `p` as frames dropped for `reason`, then releases them. */
static void discard_pending(ok4a_capture_sync_t *s, pending_t *p, openk4a_frame_drop_reason_t reason)
{
    if (p == NULL)
        return;
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (p->images[i] != NULL)
            s->stats.frames_dropped[i][reason]++;
    }
    release_pending(p);
}

/* A capture that will not reach the consumer: one capture drop, and a frame
 * drop for each image in it, so each stream's counters see the loss too. */
static void discard_capture(ok4a_capture_sync_t *s, k4a_capture_t capture, openk4a_capture_drop_reason_t reason)
{
    static const openk4a_frame_drop_reason_t frame_reason[OPENK4A_CAPTURE_DROP_REASON_COUNT] = {
        [OPENK4A_CAPTURE_DROP_QUEUE_FULL] = OPENK4A_FRAME_DROP_QUEUE_FULL,
        [OPENK4A_CAPTURE_DROP_UNMATCHED] = OPENK4A_FRAME_DROP_UNMATCHED,
        [OPENK4A_CAPTURE_DROP_STOPPED] = OPENK4A_FRAME_DROP_STOPPED,
    };
    k4a_image_t images[OPENK4A_STREAM_COUNT] = {
        [OPENK4A_STREAM_COLOR] = k4a_capture_get_color_image(capture),
        [OPENK4A_STREAM_DEPTH] = k4a_capture_get_depth_image(capture),
        [OPENK4A_STREAM_IR] = k4a_capture_get_ir_image(capture),
    };
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (images[i] != NULL)
            s->stats.frames_dropped[i][frame_reason[reason]]++;
        k4a_image_release(images[i]);
    }
    k4a_capture_release(capture);
    s->stats.dropped[reason]++;
}

/* Queues a capture of the images of `d` and `c` (either may be NULL); takes
 * their images. Caller holds the mutex. */
static void emit(ok4a_capture_sync_t *s, pending_t *d, pending_t *c)
{
    k4a_capture_t capture = NULL;
    bool partial = false;
    const int64_t ts = d != NULL ? (int64_t)d->ts : (int64_t)c->ts + s->config.depth_delay_off_color_usec;
    if (s->emitted && ts < s->last_emitted_ts && s->config.synchronized_images_only)
    {
        /* Its partner went out already: only whole captures are wanted. */
        s->stats.dropped[OPENK4A_CAPTURE_DROP_UNMATCHED]++;
        discard_pending(s, d, OPENK4A_FRAME_DROP_UNMATCHED);
        discard_pending(s, c, OPENK4A_FRAME_DROP_UNMATCHED);
        return;
    }
    /* Without synchronisation an image whose partner left alone before it
     * came still goes to the consumer, in a capture of its own (as the SDK
     * does), even though that capture is older than the one before it. */
    if (!s->emitted || ts > s->last_emitted_ts)
        s->last_emitted_ts = ts;
    s->emitted = true;
    if (k4a_capture_create(&capture) != K4A_RESULT_SUCCEEDED)
    {
        /* Out of memory: nothing to deliver; the consumer loses this one as if
         * it had been too slow. */
        s->stats.dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL]++;
        discard_pending(s, d, OPENK4A_FRAME_DROP_IMAGE_FAILED);
        discard_pending(s, c, OPENK4A_FRAME_DROP_IMAGE_FAILED);
        return;
    }
    if (d != NULL)
    {
        k4a_capture_set_depth_image(capture, d->images[OPENK4A_STREAM_DEPTH]);
        k4a_capture_set_ir_image(capture, d->images[OPENK4A_STREAM_IR]);
        k4a_capture_set_temperature_c(capture, d->temperature_c);
        partial = partial || !depth_complete(s, d);
        release_pending(d);
    }
    else
    {
        partial = partial || has_depth_side(s);
    }
    if (c != NULL)
    {
        k4a_capture_set_color_image(capture, c->images[OPENK4A_STREAM_COLOR]);
        release_pending(c);
    }
    else
    {
        partial = partial || s->config.enabled[OPENK4A_STREAM_COLOR];
    }
    const uint32_t capacity = s->config.queue_capacity;
    if (s->count == capacity)
    {
        /* The consumer is behind: the oldest capture goes. */
        discard_capture(s, s->queue[s->head], OPENK4A_CAPTURE_DROP_QUEUE_FULL);
        s->head = (s->head + 1) % capacity;
        s->count--;
    }
    const uint32_t tail = (s->head + s->count) % capacity;
    s->queue[tail] = capture;
    s->queue_partial[tail] = partial;
    s->count++;
    pthread_cond_signal(&s->cond);
}

/* An image whose partner will not come: alone, or dropped when only
 * synchronized captures are wanted. */
static void expire(ok4a_capture_sync_t *s, pending_t *p, bool is_depth_side)
{
    const bool complete_alone = !s->config.enabled[OPENK4A_STREAM_COLOR] || !has_depth_side(s);
    if (s->config.synchronized_images_only && (!complete_alone || (is_depth_side && !depth_complete(s, p))))
    {
        s->stats.dropped[OPENK4A_CAPTURE_DROP_UNMATCHED]++;
        discard_pending(s, p, OPENK4A_FRAME_DROP_UNMATCHED);
        return;
    }
    emit(s, is_depth_side ? p : NULL, is_depth_side ? NULL : p);
}

static pending_t *oldest(const ok4a_capture_sync_t *s, pending_t *slots)
{
    pending_t *best = NULL;
    for (int i = 0; i < s->slots; i++)
    {
        if (slots[i].used && (best == NULL || slots[i].ts < best->ts))
        {
            best = &slots[i];
        }
    }
    return best;
}

static pending_t *free_slot(ok4a_capture_sync_t *s, pending_t *slots, bool is_depth_side)
{
    for (int i = 0; i < s->slots; i++)
    {
        if (!slots[i].used)
        {
            return &slots[i];
        }
    }
    pending_t *victim = oldest(s, slots);
    expire(s, victim, is_depth_side);
    return victim;
}

static int64_t abs64(int64_t v)
{
    return v < 0 ? -v : v;
}

/* The partner of `p` on the other side: colour + delay ~ depth. */
static pending_t *partner(ok4a_capture_sync_t *s, const pending_t *p, bool is_depth_side)
{
    const int64_t half = (int64_t)s->config.frame_period_usec / 2;
    const int64_t delay = s->config.depth_delay_off_color_usec;
    pending_t *other = is_depth_side ? s->color_side : s->depth_side;
    for (int i = 0; i < s->slots; i++)
    {
        if (!other[i].used)
            continue;
        const int64_t color_ts = (int64_t)(is_depth_side ? other[i].ts : p->ts) + delay;
        const int64_t depth_ts = (int64_t)(is_depth_side ? p->ts : other[i].ts);
        if (abs64(color_ts - depth_ts) <= half)
            return &other[i];
    }
    return NULL;
}

/* Whether anything on `slots` lies more than half a period after `ts`
 * (`shift` is added to the slots' timestamps first). */
static bool moved_past(const ok4a_capture_sync_t *s, const pending_t *slots, int64_t shift, int64_t ts, int64_t half)
{
    for (int i = 0; i < s->slots; i++)
    {
        if (slots[i].used && (int64_t)slots[i].ts + shift - ts > half)
            return true;
    }
    return false;
}

/* Decides what can be decided now, oldest first, so captures leave in
 * timestamp order: the oldest waiting image is paired, sent alone, dropped,
 * or waited for (and then everything newer waits too). Caller holds the mutex. */
static void settle(ok4a_capture_sync_t *s)
{
    const int64_t half = (int64_t)s->config.frame_period_usec / 2;
    const int64_t delay = s->config.depth_delay_off_color_usec;
    const bool color = s->config.enabled[OPENK4A_STREAM_COLOR];
    const bool depth = has_depth_side(s);
    for (;;)
    {
        /* The oldest waiting entry, on the depth clock. */
        pending_t *d = oldest(s, s->depth_side), *c = oldest(s, s->color_side);
        const bool take_depth = d != NULL && (c == NULL || (int64_t)d->ts <= (int64_t)c->ts + delay);
        if (take_depth)
        {
            /* Missing depth or IR stays missing once a later exposure began:
             * streams deliver in order. */
            const bool whole = depth_complete(s, d);
            const bool stale = whole || moved_past(s, s->depth_side, 0, (int64_t)d->ts, half);
            if (!color)
            {
                if (!stale)
                    return;
                if (whole)
                    emit(s, d, NULL);
                else
                    expire(s, d, true);
                continue;
            }
            pending_t *mate = partner(s, d, true);
            if (mate != NULL && stale)
            {
                if (whole || !s->config.synchronized_images_only)
                    emit(s, d, mate);
                else
                    expire(s, d, true); /* dropped; the colour image expires on its own */
            }
            else if (mate == NULL && stale && moved_past(s, s->color_side, delay, (int64_t)d->ts, half))
            {
                /* No colour can pair with it any more; it goes once its own
                 * IR (or depth) is in, or can no longer come. */
                expire(s, d, true);
            }
            else
            {
                return;
            }
            continue;
        }
        if (c == NULL)
            return;
        if (!depth)
        {
            emit(s, NULL, c);
            continue;
        }
        pending_t *mate = partner(s, c, false);
        if (mate != NULL)
        {
            const bool whole = depth_complete(s, mate);
            if (!whole && !moved_past(s, s->depth_side, 0, (int64_t)mate->ts, half))
                return;
            if (whole || !s->config.synchronized_images_only)
                emit(s, mate, c);
            else
                expire(s, mate, true);
        }
        else if (moved_past(s, s->depth_side, -delay, (int64_t)c->ts, half))
        {
            expire(s, c, false);
        }
        else
        {
            return;
        }
    }
}

ok4a_capture_sync_t *ok4a_capture_sync_create(const ok4a_capture_sync_config_t *config)
{
    ok4a_capture_sync_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->config = *config;
    if (s->config.queue_capacity == 0)
        s->config.queue_capacity = 1;
    if (s->config.frame_period_usec == 0)
        s->config.frame_period_usec = 33333;
    if (s->config.pending_slots == 0)
        s->config.pending_slots = OK4A_SYNC_DEFAULT_SLOTS;
    if (s->config.pending_slots > OK4A_SYNC_MAX_PENDING)
        s->config.pending_slots = OK4A_SYNC_MAX_PENDING;
    s->slots = (int)s->config.pending_slots;
    s->queue = calloc(s->config.queue_capacity, sizeof *s->queue);
    s->queue_partial = calloc(s->config.queue_capacity, sizeof *s->queue_partial);
    const bool ok = s->queue != NULL && s->queue_partial != NULL && pthread_mutex_init(&s->mutex, NULL) == 0;
    if (!ok || ok4a_cond_init_monotonic(&s->cond) != 0)
    {
        if (ok)
            pthread_mutex_destroy(&s->mutex);
        free(s->queue);
        free(s->queue_partial);
        free(s);
        return NULL;
    }
    return s;
}

void ok4a_capture_sync_destroy(ok4a_capture_sync_t *s, ok4a_capture_sync_stats_t *final_stats)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->slots; i++)
    {
        if (s->depth_side[i].used || s->color_side[i].used)
            s->stats.dropped[OPENK4A_CAPTURE_DROP_STOPPED]++;
        discard_pending(s, &s->depth_side[i], OPENK4A_FRAME_DROP_STOPPED);
        discard_pending(s, &s->color_side[i], OPENK4A_FRAME_DROP_STOPPED);
    }
    while (s->count > 0)
    {
        discard_capture(s, s->queue[s->head], OPENK4A_CAPTURE_DROP_STOPPED);
        s->head = (s->head + 1) % s->config.queue_capacity;
        s->count--;
    }
    if (final_stats != NULL)
        *final_stats = s->stats;
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->mutex);
    free(s->queue);
    free(s->queue_partial);
    free(s);
}

void ok4a_capture_sync_push(ok4a_capture_sync_t *s, openk4a_stream_t stream, k4a_image_t image,
                            uint64_t device_timestamp_usec, float temperature_c)
{
    if (image == NULL)
        return;
    if ((unsigned)stream >= OPENK4A_STREAM_COUNT)
    {
        k4a_image_release(image);
        return;
    }
    pthread_mutex_lock(&s->mutex);
    s->stats.frames_in[stream]++;
    if (s->closed || !s->config.enabled[stream])
    {
        s->stats.dropped[OPENK4A_CAPTURE_DROP_STOPPED]++;
        s->stats.frames_dropped[stream][OPENK4A_FRAME_DROP_STOPPED]++;
        pthread_mutex_unlock(&s->mutex);
        k4a_image_release(image);
        return;
    }
    const int64_t quarter = (int64_t)s->config.frame_period_usec / 4;
    if (stream == OPENK4A_STREAM_COLOR)
    {
        pending_t *c = free_slot(s, s->color_side, false);
        c->used = true;
        c->ts = device_timestamp_usec;
        c->temperature_c = NAN;
        c->images[OPENK4A_STREAM_COLOR] = image;
    }
    else
    {
        pending_t *d = NULL;
        for (int i = 0; i < s->slots && d == NULL; i++)
        {
            pending_t *p = &s->depth_side[i];
            if (p->used && p->images[stream] == NULL &&
                abs64((int64_t)p->ts - (int64_t)device_timestamp_usec) <= quarter)
                d = p;
        }
        if (d == NULL)
        {
            d = free_slot(s, s->depth_side, true);
            d->used = true;
            d->ts = device_timestamp_usec;
            d->temperature_c = NAN;
        }
        d->images[stream] = image;
        if (!isnan(temperature_c))
            d->temperature_c = temperature_c;
    }
    settle(s);
    pthread_mutex_unlock(&s->mutex);
}

k4a_wait_result_t ok4a_capture_sync_pop(ok4a_capture_sync_t *s, k4a_capture_t *capture, int32_t timeout_ms)
{
    const struct timespec deadline = ok4a_deadline_after_ms(timeout_ms);
    pthread_mutex_lock(&s->mutex);
    while (s->count == 0 && !s->closed && ok4a_cond_wait_step(&s->cond, &s->mutex, timeout_ms, &deadline))
    {
    }
    k4a_wait_result_t result;
    if (s->count > 0)
    {
        *capture = s->queue[s->head];
        if (s->queue_partial[s->head])
            s->stats.partial++;
        s->head = (s->head + 1) % s->config.queue_capacity;
        s->count--;
        s->stats.delivered++;
        result = K4A_WAIT_RESULT_SUCCEEDED;
    }
    else
    {
        result = s->closed ? K4A_WAIT_RESULT_FAILED : K4A_WAIT_RESULT_TIMEOUT;
    }
    pthread_mutex_unlock(&s->mutex);
    return result;
}

void ok4a_capture_sync_close(ok4a_capture_sync_t *s)
{
    pthread_mutex_lock(&s->mutex);
    if (!s->closed)
    {
        /* What still waits for a partner gets none now. */
        for (pending_t *p = oldest(s, s->depth_side); p != NULL; p = oldest(s, s->depth_side))
            expire(s, p, true);
        for (pending_t *p = oldest(s, s->color_side); p != NULL; p = oldest(s, s->color_side))
            expire(s, p, false);
        s->closed = true;
    }
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mutex);
}

void ok4a_capture_sync_get_stats(ok4a_capture_sync_t *s, ok4a_capture_sync_stats_t *stats)
{
    pthread_mutex_lock(&s->mutex);
    *stats = s->stats;
    pthread_mutex_unlock(&s->mutex);
}
