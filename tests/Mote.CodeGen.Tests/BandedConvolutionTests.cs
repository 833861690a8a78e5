using Mote.CodeGen.Toolchain;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// The kernels that compute convolutions a band of output rows at a time equal the unfused kernels byte for byte:
/// mote_conv2d_add_s8 (a convolution whose bands are added into the skip tensor) against mote_conv2d_s8 over the whole
/// output followed by mote_add_s8, for every band height from one row to more than the output has; and
/// mote_conv2d_chain_s8 (two convolutions through a window of rows, optionally with the ADD) against the two
/// convolutions and the ADD run one by one, also when the first convolution reads the skip tensor that the ADD
/// overwrites. Cases cover padded first and last rows, strides, dilation, a 1x1 filter (read in place), groups, two
/// batches and odd widths. Compiled by host gcc as strict C99 under the sanitizers, so a band or window that writes
/// past its buffer or reads past the input fails too.
/// </summary>
public sealed class BandedConvolutionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    // Random inputs, filters, biases and requantization from a fixed-seed generator; the reference is the unfused kernels.
    private const string Harness = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>

        #include "mote_conv2d_add_s8.h"
        #include "mote_conv2d_chain_s8.h"

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

        static int8_t* copy_of(const int8_t* bytes, int32_t count)
        {
            int8_t* copy = (int8_t*)malloc((size_t)count);
            memcpy(copy, bytes, (size_t)count);
            return copy;
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

        typedef struct
        {
            mote_conv_params params;
            int8_t* filter;
            int32_t* bias;
            int32_t* multipliers;
            int32_t* shifts;
            int32_t scratch_bytes;
            int32_t output_bytes;
        } conv_case;

        /* A convolution with random constants over batches x height x width x depth. */
        static void make_conv(conv_case* c, int32_t batches, int32_t height, int32_t width, int32_t depth, int32_t filter_depth,
            int32_t channels, int32_t kernel, int32_t stride, int32_t dilation, int32_t same, int32_t with_bias)
        {
            mote_conv_params* p = &c->params;
            int32_t i;
            p->batches = batches;
            p->input_height = height;
            p->input_width = width;
            p->input_depth = depth;
            p->output_height = output_size(height, kernel, stride, dilation, same);
            p->output_width = output_size(width, kernel, stride, dilation, same);
            p->output_depth = channels;
            p->filter_height = kernel;
            p->filter_width = kernel;
            p->filter_depth = filter_depth;
            p->stride_height = stride;
            p->stride_width = stride;
            p->dilation_height = dilation;
            p->dilation_width = dilation;
            p->pad_height = padding(height, kernel, stride, dilation, p->output_height);
            p->pad_width = padding(width, kernel, stride, dilation, p->output_width);
            p->input_offset = next_int(-20, 20);
            p->output_offset = next_int(-20, 20);
            p->activation_min = -128;
            p->activation_max = 127;
            c->multipliers = (int32_t*)malloc((size_t)channels * sizeof(int32_t));
            c->shifts = (int32_t*)malloc((size_t)channels * sizeof(int32_t));
            c->bias = with_bias ? (int32_t*)malloc((size_t)channels * sizeof(int32_t)) : NULL;
            for (i = 0; i < channels; i++)
            {
                c->multipliers[i] = next_int(1 << 30, 0x7fffffff);
                c->shifts[i] = next_int(-11, -8);
                if (c->bias != NULL)
                {
                    c->bias[i] = next_int(-5000, 5000);
                }
            }

            p->multipliers = c->multipliers;
            p->shifts = c->shifts;
            c->filter = random_bytes(channels * kernel * kernel * filter_depth);
            c->scratch_bytes = 2 * kernel * kernel * filter_depth;
            c->output_bytes = batches * p->output_height * p->output_width * channels;
        }

        static void free_conv(conv_case* c)
        {
            free(c->filter);
            free(c->bias);
            free(c->multipliers);
            free(c->shifts);
        }

        static mote_add_params make_add(int32_t size)
        {
            mote_add_params add;
            add.size = size;
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
            return add;
        }

        /* mote_conv2d_add_s8 with every band height; returns the number of heights that differ from the unfused pair. */
        static int check_add(const char* name, int32_t batches, int32_t height, int32_t width, int32_t depth, int32_t filter_depth,
            int32_t channels, int32_t kernel, int32_t stride, int32_t dilation, int32_t same, int32_t with_bias)
        {
            conv_case conv;
            mote_add_params add;
            int32_t rows, failures = 0;
            int8_t *input, *skip, *expected, *whole, *scratch;
            make_conv(&conv, batches, height, width, depth, filter_depth, channels, kernel, stride, dilation, same, with_bias);
            add = make_add(conv.output_bytes);
            input = random_bytes(batches * height * width * depth);
            skip = random_bytes(conv.output_bytes);
            scratch = (int8_t*)malloc((size_t)conv.scratch_bytes);
            whole = (int8_t*)malloc((size_t)conv.output_bytes);
            expected = copy_of(skip, conv.output_bytes);
            mote_conv2d_s8(&conv.params, input, conv.filter, conv.bias, scratch, whole);
            mote_add_s8(&add, whole, expected, expected);

            for (rows = 1; rows <= conv.params.output_height + 1; rows++)
            {
                int8_t* band = (int8_t*)malloc((size_t)(rows * conv.params.output_width * channels));
                int8_t* actual = copy_of(skip, conv.output_bytes);
                mote_conv2d_add_s8(&conv.params, &add, rows, input, conv.filter, conv.bias, scratch, band, actual);
                if (memcmp(actual, expected, (size_t)conv.output_bytes) != 0)
                {
                    printf("%s: bands of %d rows differ from the unfused result\n", name, (int)rows);
                    failures++;
                }

                free(band);
                free(actual);
            }

            printf("%s: %dx%d output, padding %d above, %d band heights checked\n", name, (int)conv.params.output_height,
                (int)conv.params.output_width, (int)conv.params.pad_height, (int)conv.params.output_height + 1);
            free_conv(&conv);
            free(input);
            free(skip);
            free(scratch);
            free(whole);
            free(expected);
            return failures;
        }

        /* mote_conv2d_chain_s8 over a 3x3 same first layer (stride first_stride) and a second layer as given, without
           and with the ADD; with skip_is_input the ADD's other input is the first layer's input (same shape required).
           Returns the number of results that differ from the layers run one by one. */
        static int check_chain(const char* name, int32_t batches, int32_t height, int32_t width, int32_t depth, int32_t middle,
            int32_t first_kernel, int32_t first_stride, int32_t channels, int32_t kernel, int32_t stride, int32_t dilation, int32_t same,
            int32_t skip_is_input)
        {
            conv_case c1, c2;
            mote_conv_layer first, second;
            mote_add_params add;
            int32_t window_rows, scratch_bytes, with_add, failures = 0;
            int8_t *input, *skip, *middle_whole, *expected, *scratch, *window, *band;
            make_conv(&c1, batches, height, width, depth, depth, middle, first_kernel, first_stride, 1, 1, 1);
            make_conv(&c2, batches, c1.params.output_height, c1.params.output_width, middle, middle, channels, kernel, stride, dilation, same, 1);
            first.params = &c1.params;
            first.filter = c1.filter;
            first.bias = c1.bias;
            second.params = &c2.params;
            second.filter = c2.filter;
            second.bias = c2.bias;
            add = make_add(c2.output_bytes);
            input = random_bytes(batches * height * width * depth);
            skip = skip_is_input ? copy_of(input, c2.output_bytes) : random_bytes(c2.output_bytes);
            scratch_bytes = c1.scratch_bytes > c2.scratch_bytes ? c1.scratch_bytes : c2.scratch_bytes;
            scratch = (int8_t*)malloc((size_t)scratch_bytes);
            window_rows = (kernel - 1) * dilation + 1;
            window_rows = window_rows < c1.params.output_height ? window_rows : c1.params.output_height;
            window = (int8_t*)malloc((size_t)(window_rows * c1.params.output_width * middle));
            band = (int8_t*)malloc((size_t)(c2.params.output_width * channels));
            middle_whole = (int8_t*)malloc((size_t)c1.output_bytes);
            mote_conv2d_s8(&c1.params, input, c1.filter, c1.bias, scratch, middle_whole);

            for (with_add = 0; with_add <= 1; with_add++)
            {
                int8_t* actual;
                expected = with_add ? copy_of(skip, c2.output_bytes) : (int8_t*)malloc((size_t)c2.output_bytes);
                if (with_add)
                {
                    int8_t* whole = (int8_t*)malloc((size_t)c2.output_bytes);
                    mote_conv2d_s8(&c2.params, middle_whole, c2.filter, c2.bias, scratch, whole);
                    mote_add_s8(&add, whole, expected, expected);
                    free(whole);
                }
                else
                {
                    mote_conv2d_s8(&c2.params, middle_whole, c2.filter, c2.bias, scratch, expected);
                }

                if (with_add && skip_is_input)
                {
                    /* The ADD overwrites the first layer's input while the first layer still reads it. */
                    actual = copy_of(input, c2.output_bytes);
                    mote_conv2d_chain_s8(&first, &second, &add, actual, scratch, window, band, actual);
                }
                else
                {
                    actual = with_add ? copy_of(skip, c2.output_bytes) : (int8_t*)malloc((size_t)c2.output_bytes);
                    mote_conv2d_chain_s8(&first, &second, with_add ? &add : NULL, input, scratch, window, band, actual);
                }

                if (memcmp(actual, expected, (size_t)c2.output_bytes) != 0)
                {
                    printf("%s: %s differs from the layers run one by one\n", name, with_add ? "with the ADD" : "without the ADD");
                    failures++;
                }

                free(actual);
                free(expected);
            }

            printf("%s: %dx%d -> %dx%d -> %dx%d, window of %d rows, checked\n", name, (int)height, (int)width,
                (int)c1.params.output_height, (int)c1.params.output_width, (int)c2.params.output_height, (int)c2.params.output_width,
                (int)window_rows);
            free_conv(&c1);
            free_conv(&c2);
            free(input);
            free(skip);
            free(scratch);
            free(window);
            free(band);
            free(middle_whole);
            return failures;
        }

        int main(void)
        {
            int failures = 0;
            failures += check_add("add: 3x3 same, odd width", 1, 7, 5, 3, 3, 5, 3, 1, 1, 1, 1);
            failures += check_add("add: 3x3 same, stride 2", 1, 9, 9, 4, 4, 6, 3, 2, 1, 1, 1);
            failures += check_add("add: 3x3 same, stride 2, even input", 1, 8, 8, 4, 4, 4, 3, 2, 1, 1, 0);
            failures += check_add("add: 1x1, stride 2", 1, 8, 6, 8, 8, 16, 1, 2, 1, 1, 1);
            failures += check_add("add: 5x5 same, two batches", 2, 6, 6, 2, 2, 3, 5, 1, 1, 1, 1);
            failures += check_add("add: 3x3 valid, dilation 2", 1, 9, 7, 3, 3, 4, 3, 1, 2, 0, 1);
            failures += check_add("add: 3x3 same, two groups", 1, 6, 4, 4, 2, 6, 3, 1, 1, 1, 1);
            failures += check_chain("chain: 3x3 then 3x3 same, odd width", 1, 7, 5, 3, 4, 3, 1, 5, 3, 1, 1, 1, 0);
            failures += check_chain("chain: 3x3 stride 2 then 3x3 same", 1, 9, 9, 4, 6, 3, 2, 6, 3, 1, 1, 1, 0);
            failures += check_chain("chain: 1x1 then 3x3 same stride 2", 1, 6, 6, 8, 4, 1, 1, 5, 3, 2, 1, 1, 0);
            failures += check_chain("chain: 3x3 then 5x5 valid, two batches", 2, 8, 8, 3, 4, 3, 1, 4, 5, 1, 1, 0, 0);
            failures += check_chain("chain: 3x3 then 3x3 same, dilation 2", 1, 8, 6, 3, 4, 3, 1, 4, 3, 1, 2, 1, 0);
            failures += check_chain("chain: residual block, the ADD over the first layer's input", 1, 6, 5, 4, 4, 3, 1, 4, 3, 1, 1, 1, 1);
            return failures == 0 ? 0 : 1;
        }
        """;

    [HostCompilerFact]
    public void BandedKernelsGiveTheUnfusedResults()
    {
        var directory = Directory.CreateTempSubdirectory("mote-banded-conv-").FullName;
        try
        {
            var runtime = typeof(CRuntime).Assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith("mote_", StringComparison.Ordinal) && (name.EndsWith(".h", StringComparison.Ordinal) || name.EndsWith(".c", StringComparison.Ordinal)))
                .Select(name => new GeneratedFile(name, CRuntime.Read(name)))
                .ToList();
            OutputFolder.Replace(directory, [.. runtime, new GeneratedFile("banded_test.c", Harness)]);
            var sources = runtime.Select(f => f.Name).Where(name => name.EndsWith(".c", StringComparison.Ordinal)).Append("banded_test.c");

            var build = HostCompiler.Locate().Build(directory, sources, "banded_test", s_timeout);
            Assert.True(build.Succeeded, $"gcc failed:\n{build.Output}");
            var run = ProcessRunner.Run(Path.Combine(directory, "banded_test"), [], directory, s_timeout);
            output.WriteLine(run.Output);
            Assert.True(run.Succeeded, run.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
