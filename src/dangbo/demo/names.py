"""Word lists for realistic synthetic Vietnamese people and host units."""

# (surname, weight): roughly the national distribution.
SURNAMES = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4),
    ("Phan", 3.5), ("Đặng", 2.5), ("Bùi", 2.5), ("Đỗ", 2.5), ("Hồ", 2), ("Ngô", 2),
    ("Dương", 1.5), ("Lý", 1), ("Trịnh", 1.5), ("Mai", 1), ("Đinh", 1), ("Lương", 0.8),
    ("Cao", 0.8), ("Tạ", 0.5), ("Hà", 0.8), ("Lò", 0.3), ("Quách", 0.3),
]  # fmt: skip

MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Thanh", "Xuân", "Đình",
               "Ngọc", "Công", "Mạnh", "Tuấn", "Trọng", "Bá", "Duy", "Anh"]  # fmt: skip
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim",
                 "Phương", "Thúy", "Mai", "Bích", "Diệu", "Hải"]  # fmt: skip
GIVEN_MALE = ["Đức", "Hùng", "Dũng", "Cường", "Hải", "Long", "Nam", "Sơn", "Tuấn", "Thắng",
              "Trung", "Quân", "Phong", "Bình", "Hòa", "Hiếu", "Khánh", "Lâm", "Minh", "Nghĩa",
              "Phúc", "Quang", "Tài", "Thành", "Tiến", "Toàn", "Vinh", "Việt", "Hưng", "Chính",
              "Kiên", "Lợi", "Mạnh", "Thịnh", "Trí", "Huy", "Đạt", "Hoàng", "Khoa", "An"]  # fmt: skip
GIVEN_FEMALE = ["Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương",
                "Quỳnh", "Thảo", "Thủy", "Trang", "Vân", "Yến", "Hà", "Hằng", "Huyền", "Loan",
                "Dung", "Giang", "Hạnh", "Liên", "My", "Nhàn", "Tâm", "Thu", "Tuyết", "Xuân",
                "Anh", "Châu", "Diệp", "Hiền", "Lý", "Ngân", "Thơ", "Trinh", "Uyên", "Vy"]  # fmt: skip

PLACES = [
    "phường Hạc Thành", "phường Quảng Phú", "phường Đông Sơn", "phường Nguyệt Viên",
    "xã Hoằng Hóa", "xã Quảng Xương", "xã Nông Cống", "xã Thọ Xuân", "xã Yên Định",
    "xã Hậu Lộc", "xã Nga Sơn", "xã Tĩnh Gia", "xã Cẩm Thủy", "xã Ngọc Lặc", "phường Sầm Sơn",
    "phường Bỉm Sơn", "xã Triệu Sơn", "xã Thiệu Hóa", "xã Vĩnh Lộc", "xã Hà Trung",
]  # fmt: skip

# Host units by sector. Names are generic Vietnamese agencies and firms, not real data.
STATE_AGENCIES = [
    "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải", "Sở Lao động - Thương binh và Xã hội", "Sở Tư pháp",
    "Sở Nội vụ", "Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh", "Sở Ngoại vụ", "Ban Dân tộc tỉnh", "Cục Thuế tỉnh",
    "Kho bạc Nhà nước tỉnh", "Cục Thống kê tỉnh", "Bảo hiểm xã hội tỉnh", "Cục Hải quan tỉnh",
    "Ban Quản lý Khu kinh tế", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Cục Quản lý thị trường",
    "Sở Kế hoạch vùng", "Chi cục Kiểm lâm", "Chi cục Thủy lợi",
]  # fmt: skip
PARTY_MASS_AGENCIES = [
    "Ủy ban MTTQ Việt Nam tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh", "Liên minh Hợp tác xã tỉnh",
    "Hội Chữ thập đỏ tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật", "Hội Văn học Nghệ thuật",
    "Báo tỉnh", "Trường Chính trị tỉnh",
]  # fmt: skip
PUBLIC_SERVICE_UNITS = [
    "Bệnh viện Đa khoa tỉnh", "Bệnh viện Nhi", "Bệnh viện Phụ sản", "Trường Đại học Hồng Đức",
    "Trường Cao đẳng Y tế", "Trường Cao đẳng Nghề", "Đài Phát thanh và Truyền hình tỉnh",
    "Trung tâm Kiểm soát bệnh tật", "Thư viện tỉnh", "Bảo tàng tỉnh", "Trung tâm Xúc tiến đầu tư",
    "Trường THPT Chuyên", "Trung tâm Công nghệ thông tin", "Bệnh viện Y dược cổ truyền",
    "Trung tâm Dịch vụ việc làm", "Nhà hát Nghệ thuật truyền thống",
]  # fmt: skip
STATE_ENTERPRISES = [
    "Công ty Điện lực tỉnh", "Công ty Cấp nước", "Công ty Môi trường và Công trình đô thị",
    "Công ty Thủy lợi Sông Chu", "Công ty Lâm nghiệp", "Công ty Xổ số kiến thiết",
    "Công ty In Báo", "Ngân hàng Phát triển chi nhánh tỉnh", "Ngân hàng Chính sách xã hội tỉnh",
    "Công ty Đường sắt", "Công ty Thủy lợi Bắc Sông Mã", "Công ty Cảng Nghi Sơn",
    "Viễn thông tỉnh", "Bưu điện tỉnh",
]  # fmt: skip
PRIVATE_ENTERPRISES = [
    "Công ty CP Xi măng", "Công ty CP Mía đường", "Công ty CP Vận tải", "Công ty CP Xây dựng số 1",
    "Công ty CP Dược - Vật tư y tế", "Công ty CP Thương mại tổng hợp", "Công ty CP Bia",
    "Công ty CP Giống cây trồng", "Công ty CP Du lịch", "Công ty CP Sách - Thiết bị trường học",
    "Công ty CP Tư vấn xây dựng", "Công ty CP Nông sản", "Công ty CP Chế biến thủy sản",
    "Công ty CP Khoáng sản", "Công ty TNHH May mặc", "Công ty CP Đầu tư hạ tầng",
]  # fmt: skip
FDI_ENTERPRISES = [
    "Công ty TNHH Giày da Sun Jade", "Công ty TNHH Điện tử Kim Long", "Công ty TNHH Lọc hóa dầu",
    "Công ty TNHH May xuất khẩu Hồng Phát", "Công ty TNHH Linh kiện Việt Nhật",
]  # fmt: skip

CELL_UNITS = [
    "Văn phòng", "Phòng Kế hoạch", "Phòng Tổ chức cán bộ", "Phòng Tài chính - Kế toán",
    "Phòng Kỹ thuật", "Phòng Kinh doanh", "Phòng Thanh tra", "Phòng Quản lý", "Phân xưởng 1",
    "Phân xưởng 2", "Khoa Nội", "Khoa Ngoại", "Khoa Khám bệnh", "Chi nhánh 1", "Chi nhánh 2",
    "Trung tâm Dịch vụ", "Phòng Nghiệp vụ", "Phòng Hành chính - Tổng hợp", "Đội Sản xuất",
    "Phòng Pháp chế", "Phòng Đào tạo", "Khoa Xét nghiệm", "Đội Vận hành", "Phòng Dự án",
]  # fmt: skip
