using System.Text;

namespace MetalLb.Cli.Tests.Lab;

/// <summary>A text writer that tests can wait on: each write wakes the waiters, which check the text so far.</summary>
internal sealed class SignallingWriter : StringWriter
{
    private readonly Lock _lock = new();
    private readonly List<(Func<string, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }

        Check();
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }

        Check();
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        Write(value + NewLine);
        return Task.CompletedTask;
    }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return GetStringBuilder().ToString();
            }
        }
    }

    public async Task WaitForAsync(Func<string, bool> condition, string what, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        Check();
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting for {what}; output so far:\n{Text}");
        }
    }

    private void Check()
    {
        var text = Text;
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(text)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public override Encoding Encoding => Encoding.UTF8;
}
