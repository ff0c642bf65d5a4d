/* The image and capture API used from C, including enum values that C++
 * cannot even represent (negative, huge): they must fail cleanly. */
#include <k4a/k4a.h>
#include <limits.h>
#include <stdio.h>

static int g_failures;
static int g_checks;
static int g_callbacks;

#define CHECK(cond)                                                                                                    \
    do                                                                                                                 \
    {                                                                                                                  \
        g_checks++;                                                                                                    \
        if (!(cond))                                                                                                   \
        {                                                                                                              \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                                     \
            g_failures++;                                                                                              \
        }                                                                                                              \
    } while (0)

static void count_release(void *buffer, void *context)
{
    (void)buffer;
    (void)context;
    g_callbacks++;
}

static void quiet(void *context, k4a_log_level_t level, const char *file, const int line, const char *message)
{
    (void)context, (void)level, (void)file, (void)line, (void)message;
}

int main(void)
{
    /* Errors go to the handler only (the test output stays readable). */
    CHECK(k4a_set_debug_message_handler(quiet, NULL, K4A_LOG_LEVEL_ERROR) == K4A_RESULT_SUCCEEDED);
    const int bad_formats[] = {-1, 9, 100, INT_MAX, INT_MIN};
    static uint8_t pixels[64];
    for (unsigned i = 0; i < sizeof bad_formats / sizeof bad_formats[0]; i++)
    {
        k4a_image_t image = (k4a_image_t)pixels;
        CHECK(k4a_image_create((k4a_image_format_t)bad_formats[i], 4, 4, 0, &image) == K4A_RESULT_FAILED);
        CHECK(image == NULL);
        CHECK(k4a_image_create_from_buffer((k4a_image_format_t)bad_formats[i], 4, 4, 0, pixels, sizeof pixels,
                                           count_release, NULL, &image) == K4A_RESULT_FAILED);
        CHECK(g_callbacks == 0);
    }
    CHECK(k4a_set_debug_message_handler(quiet, NULL, (k4a_log_level_t)-1) == K4A_RESULT_FAILED);
    CHECK(k4a_set_debug_message_handler(quiet, NULL, (k4a_log_level_t)INT_MAX) == K4A_RESULT_FAILED);

    k4a_image_t image = NULL;
    CHECK(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM16, 4, 8, 0, pixels, sizeof pixels, count_release, NULL,
                                       &image) == K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = NULL;
    CHECK(k4a_capture_create(&capture) == K4A_RESULT_SUCCEEDED);
    k4a_capture_set_depth_image(capture, image);
    k4a_image_release(image);
    k4a_image_t depth = k4a_capture_get_depth_image(capture);
    CHECK(depth == image);
    CHECK(k4a_image_get_stride_bytes(depth) == 8);
    k4a_image_release(depth);
    k4a_capture_release(capture);
    CHECK(g_callbacks == 1);

    CHECK(k4a_set_debug_message_handler(NULL, NULL, K4A_LOG_LEVEL_OFF) == K4A_RESULT_SUCCEEDED);
    printf("%d passed, %d failed\n", g_checks - g_failures, g_failures);
    return g_failures == 0 ? 0 : 1;
}
