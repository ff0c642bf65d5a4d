/* A k4a program as SDK users write them (after the SDK's streaming example):
 * only <k4a/k4a.h>, the k4a 1.4 API, nothing openk4a-specific. Built outside
 * Bazel by CMake (find_package(k4a)) and by make (pkg-config k4a) to prove the
 * installed library works. Usage: streaming [CAPTURES] (default 10). */
#include <stdio.h>
#include <stdlib.h>

#include <k4a/k4a.h>

static void print_image(const char *name, k4a_image_t image)
{
    if (image == NULL)
    {
        printf(" | %s None                  ", name);
        return;
    }
    printf(" | %s res:%4dx%4d stride:%5d ", name, k4a_image_get_width_pixels(image), k4a_image_get_height_pixels(image),
           k4a_image_get_stride_bytes(image));
    k4a_image_release(image);
}

int main(int argc, char **argv)
{
    int wanted = argc > 1 ? atoi(argv[1]) : 10;
    uint32_t count = k4a_device_get_installed_count();
    if (count == 0)
    {
        printf("No k4a devices attached!\n");
        return 1;
    }

    k4a_device_t device = NULL;
    if (K4A_FAILED(k4a_device_open(K4A_DEVICE_DEFAULT, &device)))
    {
        printf("Failed to open device\n");
        return 1;
    }

    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    if (K4A_FAILED(k4a_device_start_cameras(device, &config)))
    {
        printf("Failed to start device\n");
        k4a_device_close(device);
        return 1;
    }

    int received = 0, with_depth = 0;
    for (int timeouts = 0; received < wanted && timeouts < 10;)
    {
        k4a_capture_t capture = NULL;
        switch (k4a_device_get_capture(device, &capture, 1000))
        {
        case K4A_WAIT_RESULT_SUCCEEDED:
            break;
        case K4A_WAIT_RESULT_TIMEOUT:
            printf("Timed out waiting for a capture\n");
            timeouts++;
            continue;
        case K4A_WAIT_RESULT_FAILED:
        default:
            printf("Failed to read a capture\n");
            k4a_device_close(device);
            return 1;
        }
        printf("Capture");
        print_image("Color", k4a_capture_get_color_image(capture));
        k4a_image_t depth = k4a_capture_get_depth_image(capture);
        with_depth +=
            depth != NULL && k4a_image_get_width_pixels(depth) == 320 && k4a_image_get_height_pixels(depth) == 288;
        print_image("Depth16", depth);
        print_image("Ir16", k4a_capture_get_ir_image(capture));
        printf("\n");
        k4a_capture_release(capture);
        received++;
    }
    k4a_device_stop_cameras(device);
    k4a_device_close(device);
    printf("%d captures, %d with a 320x288 depth image\n", received, with_depth);
    return received == wanted && with_depth > 0 ? 0 : 1;
}
