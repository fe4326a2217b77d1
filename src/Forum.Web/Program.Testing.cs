// Lets WebApplicationFactory<Program> in the functional tests find the entry point.
public partial class Program;
