using System.Globalization;

namespace VoicePay.Simulator;

/// <summary>
/// A conversation written down, one line each:
/// <code>
/// # a comment
/// @locale en-GB            options, before the first turn: @locale, @user, @token, @setting KEY=VALUE (the skill's
///                          configuration, e.g. @setting VoicePay:Pin:UnrecognizedVoices=BalancesOnly; in-process only)
/// @person amzn1.ask.person.A   from here on Alexa recognizes that person's voice (@person none: nobody's); anywhere
/// > send twenty dollars to alice smith     what the person says
/// &lt; $20.00                  words the reply must contain (case and spacing ignored)
/// &lt;! sent                   words the reply must not contain
/// = heard SendMoneyIntent  what Alexa understood (an intent, or LaunchRequest)
/// = balance checking 2480.00   the bank's available balance for that account type
/// = ended                  the session ended after the last reply (= open: it did not)
/// </code>
/// </summary>
public sealed class ConversationScript
{
    public required string Name { get; init; }

    public required IReadOnlyList<ScriptStep> Steps { get; init; }

    public string? Locale { get; init; }

    public string? UserId { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>Configuration the skill runs with for this script (<c>@setting</c>): only a skill in this process can take it.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public static ConversationScript Load(string path) => Parse(File.ReadAllText(path), path);

    public static ConversationScript Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<ScriptStep>();
        string? locale = null, user = null, token = null;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("@person", StringComparison.Ordinal))
            {
                // Who is speaking can change mid-conversation, as it does in a kitchen.
                var person = Split(line[1..]).Value;
                if (person.Length == 0)
                {
                    throw new ScriptFormatException($"{name}:{lineNumber}: @person needs a person ID (amzn1.ask.person...) or none.");
                }

                steps.Add(new ScriptStep.Speaker(lineNumber, person == "none" ? null : person));
                continue;
            }

            if (line.StartsWith('@'))
            {
                if (steps.Count > 0)
                {
                    throw new ScriptFormatException($"{name}:{lineNumber}: options (@...) come before the first turn.");
                }

                var (key, value) = Split(line[1..]);
                switch (key)
                {
                    case "locale": locale = value; break;
                    case "user": user = value; break;
                    case "token": token = value; break;
                    case "setting" when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var at:
                        settings[value[..at].Trim()] = value[(at + 1)..].Trim();
                        break;
                    case "setting": throw new ScriptFormatException($"{name}:{lineNumber}: @setting takes KEY=VALUE.");
                    default: throw new ScriptFormatException($"{name}:{lineNumber}: unknown option @{key} (known: @locale, @user, @token, @setting, @person).");
                }

                continue;
            }

            ScriptStep step = line switch
            {
                _ when line.StartsWith("<!", StringComparison.Ordinal) => new ScriptStep.Expect(lineNumber, line[2..].Trim(), Negated: true),
                _ when line.StartsWith('<') => new ScriptStep.Expect(lineNumber, line[1..].Trim(), Negated: false),
                _ when line.StartsWith('>') => new ScriptStep.Say(lineNumber, line[1..].Trim()),
                _ when line.StartsWith('=') => Check(name, lineNumber, line[1..].Trim()),
                _ => throw new ScriptFormatException($"{name}:{lineNumber}: a line starts with > (say), < (expect), <! (must not say), = (check), @ (option) or # (comment): '{line}'"),
            };

            if (step is not ScriptStep.Say && !steps.Any(s => s is ScriptStep.Say))
            {
                throw new ScriptFormatException($"{name}:{lineNumber}: an expectation before anything was said.");
            }

            if (step is ScriptStep.Expect { Text.Length: 0 } or ScriptStep.Say { Utterance.Length: 0 })
            {
                throw new ScriptFormatException($"{name}:{lineNumber}: empty line content.");
            }

            steps.Add(step);
        }

        return new ConversationScript { Name = name, Steps = steps, Locale = locale, UserId = user, AccessToken = token, Settings = settings };
    }

    private static ScriptStep Check(string name, int lineNumber, string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["ended"] => new ScriptStep.SessionState(lineNumber, Ended: true),
            ["open"] => new ScriptStep.SessionState(lineNumber, Ended: false),
            ["heard", var intent] => new ScriptStep.Heard(lineNumber, intent),
            ["balance", var account, var amount] when TryMoney(amount, out var value) => new ScriptStep.Balance(lineNumber, account, value),
            _ => throw new ScriptFormatException($"{name}:{lineNumber}: unknown check '= {text}' (known: = ended, = open, = heard INTENT, = balance ACCOUNT-TYPE AMOUNT)."),
        };
    }

    public static bool TryMoney(string text, out decimal value) =>
        decimal.TryParse(text.TrimStart('$', '£', '€').Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static (string Key, string Value) Split(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text, string.Empty) : (text[..space], text[(space + 1)..].Trim());
    }
}

public abstract record ScriptStep(int Line)
{
    public sealed record Say(int Line, string Utterance) : ScriptStep(Line);

    public sealed record Expect(int Line, string Text, bool Negated) : ScriptStep(Line);

    public sealed record SessionState(int Line, bool Ended) : ScriptStep(Line);

    public sealed record Heard(int Line, string Intent) : ScriptStep(Line);

    public sealed record Balance(int Line, string AccountType, decimal Amount) : ScriptStep(Line);

    /// <summary>From here on Alexa recognizes <paramref name="PersonId"/>'s voice (null: nobody's).</summary>
    public sealed record Speaker(int Line, string? PersonId) : ScriptStep(Line);
}

public sealed class ScriptFormatException : Exception
{
    public ScriptFormatException()
    {
    }

    public ScriptFormatException(string message)
        : base(message)
    {
    }

    public ScriptFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
