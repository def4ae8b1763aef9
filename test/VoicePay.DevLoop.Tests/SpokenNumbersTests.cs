using VoicePay.Simulator;

namespace VoicePay.DevLoop.Tests;

public class SpokenNumbersTests
{
    [Theory]
    [InlineData("twenty five", 25)]
    [InlineData("twenty", 20)]
    [InlineData("a thousand", 1000)]
    [InlineData("one thousand two hundred", 1200)]
    [InlineData("twelve fifty", 1250)]
    [InlineData("one fifty", 150)]
    [InlineData("one hundred and five", 105)]
    [InlineData("a hundred", 100)]
    [InlineData("seventy five", 75)]
    [InlineData("nineteen", 19)]
    [InlineData("two thousand and twenty five", 2025)]
    [InlineData("25", 25)]
    [InlineData("1,000", 1000)]
    [InlineData("one two three four", 1234)]
    public void Numbers_as_alexa_hears_them(string words, long expected) =>
        Assert.Equal(expected, SpokenNumbers.ParseNumber(Utterances.Tokenize(words)));

    [Theory]
    [InlineData("alice")]
    [InlineData("twenty alice")]
    [InlineData("twenty twenty twenty")]
    [InlineData("hundred")]
    public void Words_that_are_not_a_number(string words) =>
        Assert.Null(SpokenNumbers.ParseNumber(Utterances.Tokenize(words)));

    [Theory]
    [InlineData("one two three four", "1234")]
    [InlineData("oh one two three", "0123")]
    [InlineData("zero zero zero seven", "0007")]
    [InlineData("twelve thirty four", "1234")]
    [InlineData("1234", "1234")]
    [InlineData("1 2 3 4", "1234")]
    public void Four_digit_numbers(string words, string expected) =>
        Assert.Equal(expected, SpokenNumbers.ParseFourDigits(Utterances.Tokenize(words)));

    [Theory]
    [InlineData("one two three")]
    [InlineData("one two three four five")]
    [InlineData("twelve")]
    [InlineData("12345")]
    public void Not_four_digits(string words) =>
        Assert.Null(SpokenNumbers.ParseFourDigits(Utterances.Tokenize(words)));
}

public class TwoNumbersSideBySideTests
{
    [Theory]
    [InlineData("five", "fifty", true)]
    [InlineData("twelve", "fifty", true)]
    [InlineData("twenty five", "fifty", true)]
    [InlineData("five", "oh five", true)]
    [InlineData("5", "50", true)]
    [InlineData("twenty", "five", false)]
    [InlineData("fifty", "five", false)]
    [InlineData("a hundred", "fifty", false)]
    [InlineData("five", "hundred", false)]
    [InlineData("five", "five", false)]
    public void Issue16_item09_five_fifty_is_two_numbers_and_twenty_five_is_one(string first, string second, bool two) =>
        Assert.Equal(two, SpokenNumbers.AreTwoNumbers(Utterances.Tokenize(first), Utterances.Tokenize(second)));

    [Theory]
    [InlineData("minus five", -5)]
    [InlineData("negative twenty", -20)]
    public void Issue16_item09_minus_is_a_negative_number(string words, long expected) =>
        Assert.Equal(expected, SpokenNumbers.ParseNumber(Utterances.Tokenize(words)));
}
