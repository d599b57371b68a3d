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

namespace shapes {

struct Rect : Shape {
    double w = 0, h = 0;
    double area() const override { return w * h; }
};

std::vector<Shape *> largest(std::vector<Shape *> items, std::size_t n) {
    std::sort(items.begin(), items.end(), [](const Shape *a, const Shape *b) {
        return a->area() > b->area();
    });
    if (items.size() > n) {
        items.resize(n);
    }
    return items;
}

std::string describe(const Shape &s) {
    std::string out = s.name();
    out += " with area ";
    out += std::to_string(s.area());
    return out + "}";
}

}  // namespace shapes
