/* Written like the Azure Kinect SDK's fastpointcloud example, against <k4a/k4a.h> alone: build an
 * xy table with k4a_calibration_2d_to_3d, multiply by depth, and compare with
 * k4a_transformation_depth_image_to_point_cloud on the same frame. The calibration comes from the
 * real blob (argv[1]) instead of a device. Prints "N passed, N failed"-style verdicts; exit 0 = ok. */
#include <k4a/k4a.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
    {
        return NULL;
    }
    char *data = malloc(1 << 20);
    *size = data == NULL ? 0 : fread(data, 1, 1 << 20, f);
    fclose(f);
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 2)
    {
        printf("usage: %s CALIBRATION.json\n", argv[0]);
        return 2;
    }
    size_t size = 0;
    char *raw = read_file(argv[1], &size);
    if (raw == NULL)
    {
        printf("SKIP: cannot read %s\n", argv[1]);
        return 0;
    }
    k4a_calibration_t calibration;
    if (K4A_FAILED(k4a_calibration_get_from_raw(raw, size, K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_COLOR_RESOLUTION_OFF,
                                                &calibration)))
    {
        printf("FAIL: k4a_calibration_get_from_raw\n");
        return 1;
    }
    const int width = calibration.depth_camera_calibration.resolution_width;
    const int height = calibration.depth_camera_calibration.resolution_height;

    k4a_image_t xy_table = NULL, depth = NULL, cloud = NULL;
    k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM, width, height, width * (int)sizeof(k4a_float2_t), &xy_table);
    k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, width, height, width * (int)sizeof(uint16_t), &depth);
    k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM, width, height, width * 3 * (int)sizeof(int16_t), &cloud);
    k4a_float2_t *table = (k4a_float2_t *)(void *)k4a_image_get_buffer(xy_table);
    uint16_t *depth_data = (uint16_t *)(void *)k4a_image_get_buffer(depth);
    memset(depth_data, 0, (size_t)width * height * sizeof(uint16_t)); /* memset via <k4a/k4a.h> */

    k4a_float2_t p;
    k4a_float3_t ray;
    int valid;
    for (int y = 0, idx = 0; y < height; y++)
    {
        p.xy.y = (float)y;
        for (int x = 0; x < width; x++, idx++)
        {
            p.xy.x = (float)x;
            k4a_calibration_2d_to_3d(&calibration, &p, 1.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH,
                                     &ray, &valid);
            table[idx].xy.x = valid ? ray.xyz.x : nanf("");
            table[idx].xy.y = valid ? ray.xyz.y : nanf("");
            depth_data[idx] = (uint16_t)(800 + (x + y) % 400);
        }
    }

    k4a_transformation_t transformation = k4a_transformation_create(&calibration);
    int failures = 0, points = 0;
    if (transformation == NULL || K4A_FAILED(k4a_transformation_depth_image_to_point_cloud(
                                      transformation, depth, K4A_CALIBRATION_TYPE_DEPTH, cloud)))
    {
        printf("FAIL: transformation\n");
        failures++;
    }
    else
    {
        const int16_t *xyz = (const int16_t *)(const void *)k4a_image_get_buffer(cloud);
        for (int i = 0; i < width * height; i++)
        {
            if (isnan(table[i].xy.x))
            {
                failures += xyz[3 * i + 2] != 0;
                continue;
            }
            const float d = (float)depth_data[i];
            if (fabsf(xyz[3 * i] - table[i].xy.x * d) > 1.f || fabsf(xyz[3 * i + 1] - table[i].xy.y * d) > 1.f ||
                xyz[3 * i + 2] != depth_data[i])
            {
                failures++;
            }
            points++;
        }
    }
    printf("%d points compared (%" PRIu64 " bytes of cloud), %d differ\n", points, (uint64_t)k4a_image_get_size(cloud),
           failures);
    k4a_transformation_destroy(transformation);
    k4a_image_release(xy_table);
    k4a_image_release(depth);
    k4a_image_release(cloud);
    free(raw);
    return failures == 0 && points > width * height / 2 ? 0 : 1;
}
