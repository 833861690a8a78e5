using Mote.CodeGen.Toolchain;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// mote_conv2d_add_s8, which computes a convolution a band of output rows at a time and adds each band into the skip
/// tensor, equals mote_conv2d_s8 over the whole output followed by mote_add_s8, byte for byte, for every band height
/// from one row to more than the output has: padded first and last rows, strides, dilation, a 1x1 filter (read in
/// place), groups, two batches, odd widths. Compiled by host gcc as strict C99 under the sanitizers, so a band that
/// writes past its buffer or reads past the input fails too.
/// </summary>
public sealed class Conv2DAddBandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    // Random inputs, filters, biases and requantization from a fixed-seed generator; the reference is the unfused pair.
    private const string Harness = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>

        #include "mote_conv2d_add_s8.h"

        static uint32_t s_state = 20240601u;

        static int32_t next_int(int32_t lo, int32_t hi)
        {
            s_state = s_state * 1664525u + 1013904223u;
            return lo + (int32_t)((s_state >> 8) % (uint32_t)(hi - lo + 1));
        }

        static int8_t* random_bytes(int32_t count)
        {
            int8_t* bytes = (int8_t*)malloc((size_t)count);
            int32_t i;
            for (i = 0; i < count; i++)
            {
                bytes[i] = (int8_t)next_int(-128, 127);
            }

            return bytes;
        }

        static int32_t output_size(int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t same)
        {
            const int32_t extent = (filter - 1) * dilation + 1;
            return same ? (in + stride - 1) / stride : (in - extent) / stride + 1;
        }

        static int32_t padding(int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t out)
        {
            const int32_t total = (out - 1) * stride + (filter - 1) * dilation + 1 - in;
            return total > 0 ? total / 2 : 0;
        }

        /* Returns 0 when every band height gives the unfused result. */
        static int check(const char* name, int32_t batches, int32_t height, int32_t width, int32_t depth, int32_t filter_depth,
            int32_t channels, int32_t kernel, int32_t stride, int32_t dilation, int32_t same, int32_t with_bias)
        {
            mote_conv_params conv;
            mote_add_params add;
            int32_t* multipliers = (int32_t*)malloc((size_t)channels * sizeof(int32_t));
            int32_t* shifts = (int32_t*)malloc((size_t)channels * sizeof(int32_t));
            int32_t* bias = with_bias ? (int32_t*)malloc((size_t)channels * sizeof(int32_t)) : NULL;
            int32_t c, rows, output_bytes, failures = 0;
            int8_t *input, *filter, *skip, *expected, *whole, *scratch;

            conv.batches = batches;
            conv.input_height = height;
            conv.input_width = width;
            conv.input_depth = depth;
            conv.output_height = output_size(height, kernel, stride, dilation, same);
            conv.output_width = output_size(width, kernel, stride, dilation, same);
            conv.output_depth = channels;
            conv.filter_height = kernel;
            conv.filter_width = kernel;
            conv.filter_depth = filter_depth;
            conv.stride_height = stride;
            conv.stride_width = stride;
            conv.dilation_height = dilation;
            conv.dilation_width = dilation;
            conv.pad_height = padding(height, kernel, stride, dilation, conv.output_height);
            conv.pad_width = padding(width, kernel, stride, dilation, conv.output_width);
            conv.input_offset = next_int(-20, 20);
            conv.output_offset = next_int(-20, 20);
            conv.activation_min = -128;
            conv.activation_max = 127;
            for (c = 0; c < channels; c++)
            {
                multipliers[c] = next_int(1 << 30, 0x7fffffff);
                shifts[c] = next_int(-11, -8);
                if (bias != NULL)
                {
                    bias[c] = next_int(-5000, 5000);
                }
            }

            conv.multipliers = multipliers;
            conv.shifts = shifts;
            output_bytes = batches * conv.output_height * conv.output_width * channels;
            add.size = output_bytes;
            add.left_shift = 20;
            add.input1_offset = 7;
            add.input1_multiplier = 1518500250;
            add.input1_shift = -1;
            add.input2_offset = -3;
            add.input2_multiplier = 1073741824;
            add.input2_shift = 0;
            add.output_offset = -5;
            add.output_multiplier = 1200000000;
            add.output_shift = -19;
            add.activation_min = -100;
            add.activation_max = 127;

            input = random_bytes(batches * height * width * depth);
            filter = random_bytes(channels * kernel * kernel * filter_depth);
            skip = random_bytes(output_bytes);
            scratch = (int8_t*)malloc((size_t)(2 * kernel * kernel * filter_depth));
            whole = (int8_t*)malloc((size_t)output_bytes);
            expected = (int8_t*)malloc((size_t)output_bytes);
            memcpy(expected, skip, (size_t)output_bytes);
            mote_conv2d_s8(&conv, input, filter, bias, scratch, whole);
            mote_add_s8(&add, whole, expected, expected);

            for (rows = 1; rows <= conv.output_height + 1; rows++)
            {
                int8_t* band = (int8_t*)malloc((size_t)(rows * conv.output_width * channels));
                int8_t* actual = (int8_t*)malloc((size_t)output_bytes);
                memcpy(actual, skip, (size_t)output_bytes);
                mote_conv2d_add_s8(&conv, &add, rows, input, filter, bias, scratch, band, actual);
                if (memcmp(actual, expected, (size_t)output_bytes) != 0)
                {
                    printf("%s: bands of %d rows differ from the unfused result\n", name, (int)rows);
                    failures++;
                }

                free(band);
                free(actual);
            }

            printf("%s: %dx%d output, padding %d above, %d band heights checked\n", name, (int)conv.output_height,
                (int)conv.output_width, (int)conv.pad_height, (int)conv.output_height + 1);
            free(multipliers);
            free(shifts);
            free(bias);
            free(input);
            free(filter);
            free(skip);
            free(scratch);
            free(whole);
            free(expected);
            return failures;
        }

        int main(void)
        {
            int failures = 0;
            failures += check("3x3 same, odd width", 1, 7, 5, 3, 3, 5, 3, 1, 1, 1, 1);
            failures += check("3x3 same, stride 2", 1, 9, 9, 4, 4, 6, 3, 2, 1, 1, 1);
            failures += check("3x3 same, stride 2, even input", 1, 8, 8, 4, 4, 4, 3, 2, 1, 1, 0);
            failures += check("1x1, stride 2", 1, 8, 6, 8, 8, 16, 1, 2, 1, 1, 1);
            failures += check("5x5 same, two batches", 2, 6, 6, 2, 2, 3, 5, 1, 1, 1, 1);
            failures += check("3x3 valid, dilation 2", 1, 9, 7, 3, 3, 4, 3, 1, 2, 0, 1);
            failures += check("3x3 same, two groups", 1, 6, 4, 4, 2, 6, 3, 1, 1, 1, 1);
            return failures == 0 ? 0 : 1;
        }
        """;

    [HostCompilerFact]
    public void EveryBandHeightGivesTheUnfusedResult()
    {
        var directory = Directory.CreateTempSubdirectory("mote-conv2d-add-").FullName;
        try
        {
            var runtime = typeof(CRuntime).Assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith("mote_", StringComparison.Ordinal) && (name.EndsWith(".h", StringComparison.Ordinal) || name.EndsWith(".c", StringComparison.Ordinal)))
                .Select(name => new GeneratedFile(name, CRuntime.Read(name)))
                .ToList();
            OutputFolder.Replace(directory, [.. runtime, new GeneratedFile("band_test.c", Harness)]);
            var sources = runtime.Select(f => f.Name).Where(name => name.EndsWith(".c", StringComparison.Ordinal)).Append("band_test.c");

            var build = HostCompiler.Locate().Build(directory, sources, "band_test", s_timeout);
            Assert.True(build.Succeeded, $"gcc failed:\n{build.Output}");
            var run = ProcessRunner.Run(Path.Combine(directory, "band_test"), [], directory, s_timeout);
            output.WriteLine(run.Output);
            Assert.True(run.Succeeded, run.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
