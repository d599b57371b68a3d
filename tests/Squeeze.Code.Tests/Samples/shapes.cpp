#include <iostream>
#include <string>
#include <vector>

namespace shapes {

template <typename T>
T clamp(T value, T lo, T hi) {
    return value < lo ? lo : (value > hi ? hi : value);
}

class Shape {
public:
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const { return "shape {}"; }
};

class Circle : public Shape {
public:
    explicit Circle(double r) : radius_(r) {}

    double area() const override {
        return 3.14159 * radius_ * radius_;
    }

    std::string name() const override {
        const char *raw = R"json({"kind": "circle", "note": ")}"})json";
        return std::string("circle ") + raw;
    }

private:
    double radius_;
};

double total_area(const std::vector<Shape *> &items) {
    double sum = 0;
    auto add = [&sum](const Shape *s) {
        sum += s->area();
    };
    for (const auto *s : items) {
        add(s);
    }
    return sum;
}

}  // namespace shapes

int main() {
    shapes::Circle c(2.0);
    std::vector<shapes::Shape *> all{&c};
    std::cout << shapes::total_area(all) << '{' << std::endl;
    return 0;
}
