using System.Globalization;

namespace VoicePay.Skill.Domain;

/// <summary>An amount in one ISO 4217 currency. Never a double.</summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("Currency must be a three-letter ISO 4217 code in upper case.", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public static Money Of(decimal amount, string currency) => new(amount, currency);

    public bool IsPositive => Amount > 0;

    /// <summary>True when the amount has no more decimal places than the currency allows (two for USD, GBP, EUR).</summary>
    public bool HasValidPrecision => decimal.Round(Amount, 2) == Amount;

    public static Money operator +(Money left, Money right) => new(left.Amount + SameCurrency(left, right).Amount, left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Amount - SameCurrency(left, right).Amount, left.Currency);

    public static bool operator <(Money left, Money right) => left.Amount < SameCurrency(left, right).Amount;

    public static bool operator >(Money left, Money right) => left.Amount > SameCurrency(left, right).Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= SameCurrency(left, right).Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= SameCurrency(left, right).Amount;

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public int CompareTo(Money other) => Amount.CompareTo(SameCurrency(this, other).Amount);

    /// <summary>Machine form for logs and APIs: "20.00 USD".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");

    private static Money SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
