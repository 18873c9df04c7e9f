namespace MetalLb.Announcer.Frr;

/// <summary>
/// What may be written into an FRR configuration line as one word: no whitespace (the CLI splits on it), no control
/// characters (a newline would start a command of its own) and no leading <c>!</c> or <c>#</c> (comments).
/// </summary>
internal static class FrrTokens
{
    public static bool IsWord(string? text) =>
        !string.IsNullOrEmpty(text) && text[0] is not ('!' or '#') && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
